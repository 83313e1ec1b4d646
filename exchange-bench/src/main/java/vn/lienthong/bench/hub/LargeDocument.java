package vn.lienthong.bench.hub;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import vn.lienthong.bench.BenchPdfs;
import vn.lienthong.client.DocumentBuilder;
import vn.lienthong.client.ExchangeClient;
import vn.lienthong.client.FetchedMessage;
import vn.lienthong.client.InboxMessage;
import vn.lienthong.client.MessageKind;
import vn.lienthong.core.edxml.EnvelopeSigner;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.SamplePki;

/**
 * One large document through an external hub in demo mode (typically started with
 * {@code -Xmx256m}, see {@code scripts/hub.sh}): the province sends a PDF of {@code --mib} MiB
 * (pages of 1 MiB images, signed by the chairman and sealed, which the hub verifies) to Hạ Long, which fetches it; the fetched envelope's SHA-256 must equal
 * the sent one's. Reports the times and, with {@code --hub-pid}, the hub's peak resident set.
 *
 * <pre>java -cp … vn.lienthong.bench.hub.LargeDocument --hub=URL [--hub-pid=PID] [--mib=1024] [--markdown=FILE]</pre>
 */
public final class LargeDocument {

  private LargeDocument() {}

  public static void main(String[] args) throws Exception {
    int status = 0;
    Path dir = null;
    try {
      java.util.Map<String, String> m = new java.util.HashMap<>();
      for (String a : args) {
        m.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      }
      dir = Files.createTempDirectory(m.containsKey("dir") ? Path.of(m.get("dir")) : Path.of(System.getProperty(
          "java.io.tmpdir")), "hub-large");
      String row = run(m.get("hub"), Long.parseLong(m.getOrDefault("hub-pid", "0")),
          Integer.parseInt(m.getOrDefault("mib", "1024")), dir);
      if (m.containsKey("markdown")) {
        Files.writeString(Path.of(m.get("markdown")), row + "\n", java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      }
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    } finally {
      if (dir != null) {
        vn.lienthong.server.store.PayloadStore.deleteRecursively(dir);
      }
    }
    System.exit(status);
  }

  static String run(String hubUrl, long hubPid, int mib, Path dir) throws Exception {
    LoadOptions o = LoadOptions.parse(new String[] {"--hub=" + hubUrl, "--hub-pid=" + hubPid});
    try (HubUnderTest hub = HubUnderTest.start(o, dir, Clock.systemUTC())) {
      SamplePki pki = hub.pki();
      // the hub verifies every PDF to Decree 30 at intake: signed by the chairman, sealed by the province
      long t = System.nanoTime();
      Path pdf = Files.move(HubLoad.decree30(pki, BenchPdfs.write(dir.resolve("plain.pdf"), mib, 1024), dir,
          DemoSet.PROVINCE), dir.resolve("large.pdf"));
      System.out.printf("signed and sealed the %d MiB PDF in %.1f s%n", mib, (System.nanoTime() - t) / 1e9);
      Credential c = pki.system(DemoSet.PROVINCE);
      Path envelope = DocumentBuilder.from(DemoSet.PROVINCE, "UBND tỉnh Quảng Ninh", Clock.systemUTC())
          .to(DemoSet.HA_LONG, "UBND thành phố Hạ Long").documentId("LARGE-" + System.currentTimeMillis())
          .code("1", "BENCH").type(1, "Công văn").subject("Văn bản lớn / a large document")
          .signer("TM. ỦY BAN NHÂN DÂN", "Chủ tịch", "Phạm Văn Mẫu").attach(pdf, "application/pdf", "Văn bản")
          .write(EnvelopeSigner.of(c.privateKey(), c.certificate()), dir.resolve("large.edxml"));
      Files.delete(pdf);
      String sent = sha256(envelope);
      long size = Files.size(envelope);
      System.out.printf("envelope of %d MiB (PDF %d MiB) to %s%n", size >> 20, mib, hubUrl);
      double sendSeconds;
      double fetchSeconds;
      boolean same;
      try (ExchangeClient province = HubLoad.client(hub, DemoSet.PROVINCE, dir);
          ExchangeClient haLong = HubLoad.client(hub, DemoSet.HA_LONG, dir)) {
        long t0 = System.nanoTime();
        province.send(envelope);
        sendSeconds = (System.nanoTime() - t0) / 1e9;
        Files.delete(envelope);
        InboxMessage m = haLong.pending(50, MessageKind.DOCUMENT).messages().stream()
            .filter(x -> x.documentId().startsWith("LARGE-")).reduce((a, b) -> b).orElseThrow();
        long t1 = System.nanoTime();
        FetchedMessage f = haLong.fetch(m.messageRef(), dir.resolve("fetched.edxml"));
        fetchSeconds = (System.nanoTime() - t1) / 1e9;
        same = sha256(f.envelope()).equals(sent);
        haLong.confirm(m);
      }
      long hwm = hubPid > 0 ? vmHwmKib(hubPid) : -1;
      System.out.printf("sent in %.1f s (%.0f MiB/s), fetched in %.1f s (%.0f MiB/s), fetched envelope %s; "
          + "hub VmHWM %s%n", sendSeconds, (size >> 20) / sendSeconds, fetchSeconds, (size >> 20) / fetchSeconds,
          same ? "identical (SHA-256)" : "DIFFERENT", hwm < 0 ? "unknown" : (hwm >> 10) + " MiB");
      if (!same) {
        throw new IllegalStateException("the fetched envelope differs from the sent one");
      }
      return String.format("| large document | %d MiB PDF (%d MiB envelope) | send %.1f s, fetch %.1f s | "
          + "identical | hub RSS peak %s |", mib, size >> 20, sendSeconds, fetchSeconds,
          hwm < 0 ? "unknown" : (hwm >> 10) + " MiB");
    }
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), d)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static long vmHwmKib(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
