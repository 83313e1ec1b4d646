package vn.lienthong.bench.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import vn.lienthong.bench.BenchPdfs;
import vn.lienthong.client.ExchangeClient;
import vn.lienthong.client.Receipt;
import vn.lienthong.client.RetryPolicy;
import vn.lienthong.core.edxml.EnvelopeSigner;
import vn.lienthong.core.pdf.PadesLevel;
import vn.lienthong.core.pdf.PdfSigner;
import vn.lienthong.core.pdf.SignatureOptions;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.SamplePki;

/**
 * The hub's load generator (issue 8): N concurrent unit clients over HTTPS, each its own
 * {@link ExchangeClient}, running the document cycle or a weighted mix of send, poll, fetch and
 * confirm against a hub in this JVM (H2 or PostgreSQL) or an external one. Reports documents per
 * second, p50/p90/p99 per operation, errors by code, CPU per document and heap; see
 * {@link LoadOptions#USAGE} and the module README.
 */
public final class HubLoad {

  private static final char[] PASSWORD = "bench".toCharArray();

  private HubLoad() {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help")) {
      System.out.print(LoadOptions.USAGE);
      return;
    }
    LoadOptions o = LoadOptions.parse(args);
    Path dir = Files.createTempDirectory("hub-load");
    int status = 0;
    try (HubUnderTest hub = HubUnderTest.start(o, dir, Clock.systemUTC())) {
      Report report = o.fanOutAll() > 0 ? fanOutAll(o, hub, dir) : throughput(o, hub, dir);
      System.out.println(report.text());
      if (o.markdown() != null) {
        Files.writeString(o.markdown(), report.markdownRow() + "\n", java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      }
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    } finally {
      vn.lienthong.server.store.PayloadStore.deleteRecursively(dir);
    }
    System.exit(status); // CXF and Jetty leave non-daemon threads behind
  }

  static Report throughput(LoadOptions o, HubUnderTest hub, Path dir) throws Exception {
    List<String> units = hub.units().subList(0, Math.min(o.units(), hub.units().size()));
    if (units.size() <= o.fanOut()) {
      throw new IllegalArgumentException("only " + units.size() + " units with certificates for fan-out " + o.fanOut());
    }
    java.util.Map<String, Path> pdfs = new java.util.HashMap<>();
    for (String unit : units) {   // the seal must be the sending unit's
      pdfs.put(unit, o.pdf() != null ? o.pdf() : signedPdf(hub.pki(), dir, o.documentKib(), unit));
    }
    Path pdf = pdfs.get(units.get(0));
    if (o.history() > 0) {
      History.seed(hub.database(), units, o.history(), Clock.systemUTC());
    }
    System.out.printf("hub %s (%s%s), %d clients as %d units, %s, %d KiB PDF (%d bytes), fan-out %d, warm-up %s "
        + "(at most %s while the JIT compiles), measured %s%n", hub.address(), o.database(),
        !hub.inProcess() ? "" : o.evidence() ? ", receipts sealed and time-stamped" : ", no receipts sealed",
        o.clients(), units.size(), o.mix() == null ? "document cycle" : "mix " + o.mix(), o.documentKib(),
        Files.size(pdf), o.fanOut(), o.warmUp(), o.warmUpMax(), o.duration());
    Stats stats = new Stats();
    AtomicBoolean running = new AtomicBoolean(true);
    String runId = "BENCH-" + Long.toHexString(System.currentTimeMillis());
    List<ExchangeClient> clients = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < o.clients(); i++) {
      int u = i % units.size();
      String unit = units.get(u);
      List<String> to = new ArrayList<>();
      for (int k = 1; k <= o.fanOut(); k++) {
        to.add(units.get((u + k) % units.size()));
      }
      Path work = Files.createDirectories(dir.resolve("client-" + i));
      ExchangeClient client = loadClient(hub.address(), hub.pki(), unit, work);
      clients.add(client);
      Credential c = hub.pki().system(unit);
      UnitClient loop = new UnitClient(i, unit, to, client, EnvelopeSigner.of(c.privateKey(), c.certificate()),
          pdfs.get(unit), work, runId, o.mix(), stats, running::get, Clock.systemUTC());
      threads.add(new Thread(loop, "load-client-" + i));
    }
    Probe probe = Probe.start(o.hubPid());
    threads.forEach(Thread::start);
    WarmUp.Outcome warmUp = WarmUp.run(o.warmUp(), o.warmUpMax());
    System.out.println(warmUp.describe());
    Probe.Window window = probe.open();
    stats.recording(true);
    Thread.sleep(o.duration().toMillis());
    stats.recording(false);
    Probe.Result measured = window.close();
    running.set(false);
    for (Thread t : threads) {
      t.join(60_000);
    }
    clients.forEach(ExchangeClient::close);
    probe.close();
    return new Report(o, units.size(), Files.size(pdf), stats, measured);
  }

  /**
   * One document to every unit under the province (969 units), {@code fanOutAll} times after one
   * send that warms the hub up (reported apart: it includes class loading and the JIT).
   */
  static Report fanOutAll(LoadOptions o, HubUnderTest hub, Path dir) throws Exception {
    String province = DemoSet.PROVINCE;
    Path pdf = o.pdf() != null ? o.pdf() : signedPdf(hub.pki(), dir, o.documentKib(), province);
    Credential c = hub.pki().system(province);
    List<Double> millis = new ArrayList<>();
    int recipients = 0;
    try (ExchangeClient client = client(hub, province, dir)) {
      for (int i = 0; i <= o.fanOutAll(); i++) {
        Path envelope = vn.lienthong.client.DocumentBuilder.from(province, "UBND tỉnh Quảng Ninh", Clock.systemUTC())
            .to(hub.units().get(1), "Đơn vị").documentId("FANOUT-" + System.nanoTime()).code(String.valueOf(i), "BENCH")
            .type(1, "Công văn").subject("Gửi toàn tỉnh / to the whole province")
            .signer("TM. ỦY BAN NHÂN DÂN", "Chủ tịch", "Phạm Văn Mẫu").attach(pdf, "application/pdf", "Văn bản")
            .write(EnvelopeSigner.of(c.privateKey(), c.certificate()), dir.resolve("all.edxml"));
        long t0 = System.nanoTime();
        Receipt r = client.send(envelope, List.of(province + "/**"));
        millis.add((System.nanoTime() - t0) / 1e6);
        recipients = r.recipients();
      }
    }
    return Report.fanOut(o, recipients, millis.get(0), millis.subList(1, millis.size()));
  }

  /**
   * A load client: no retries inside the client, so that a failed attempt is an error in the
   * report, not a hidden backoff inside a call counted as successful (the cycle goes on by itself).
   */
  static ExchangeClient loadClient(String address, SamplePki pki, String unit, Path spool) {
    return client(address, pki, unit, spool, LOAD_RETRY);
  }

  static final RetryPolicy LOAD_RETRY = RetryPolicy.NONE;

  static ExchangeClient client(HubUnderTest hub, String unit, Path spool) {
    return client(hub.address(), hub.pki(), unit, spool, new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(200)));
  }

  static ExchangeClient client(String address, SamplePki pki, String unit, Path spool, RetryPolicy retry) {
    try {
      Credential c = pki.system(unit);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("key", c.privateKey(), PASSWORD, c.chain().toArray(new X509Certificate[0]));
      return ExchangeClient.builder().hub(address).identity(ks, PASSWORD).trustedRoots(pki.trustAnchors())
          .retry(retry).spoolDirectory(spool).build();
    } catch (Exception e) {
      throw new IllegalStateException("client of " + unit + ": " + e.getMessage(), e);
    }
  }

  /**
   * A Decree 30 PDF of {@code unit}, as its clerks make it and as the hub's intake demands: the
   * chairman signs, then the unit's seal, both PAdES B-T at the PKI's own TSA.
   */
  static Path signedPdf(SamplePki pki, Path dir, int kib, String unit) throws IOException {
    Path plain = BenchPdfs.write(dir.resolve("plain-" + unit + ".pdf"), 1, (int) Math.sqrt(kib * 1024.0));
    return decree30(pki, plain, dir, unit);
  }

  /**
   * {@code plain} signed as Decree 30 asks (the provincial chairman, then {@code unit}'s seal,
   * B-T), the way the hub's intake verifies every PDF; {@code plain} is deleted.
   */
  static Path decree30(SamplePki pki, Path plain, Path dir, String unit) throws IOException {
    Path signed = dir.resolve("signed-" + unit + ".pdf");
    Path sealed = dir.resolve("document-" + unit + ".pdf");
    PdfSigner signer = PdfSigner.builder().clock(Clock.systemUTC()).trustAnchors(pki.trustAnchors())
        .timeStampAuthority(pki.urls().tsa()).build();
    SignatureOptions options = SignatureOptions.builder().level(PadesLevel.B_T).build();
    try {
      Credential chairman = pki.credential(DemoSet.CHAIRMAN);
      Credential seal = pki.seal(unit);
      signer.sign(plain, signed, SigningKey.of(chairman.privateKey(), chairman.chain()), options);
      signer.sign(signed, sealed, SigningKey.of(seal.privateKey(), seal.chain()), options);
    } catch (vn.lienthong.core.pdf.PdfSigningException e) {
      throw new IllegalStateException("cannot sign the benchmark PDF: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(plain);
      Files.deleteIfExists(signed);
    }
    return sealed;
  }

}
