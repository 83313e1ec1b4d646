package vn.lienthong.server.bench;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.EdxmlWriter;
import vn.lienthong.core.edxml.EnvelopeSigner;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.api.ws.ExchangePortType;
import vn.lienthong.server.api.ws.GetMessageRequest;
import vn.lienthong.server.api.ws.MessageInfo;
import vn.lienthong.server.api.ws.SendDocumentRequest;
import vn.lienthong.server.support.Calls;
import vn.lienthong.server.support.ChildHub;
import vn.lienthong.server.support.Directory;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubClient;
import vn.lienthong.server.support.TestPki;

/**
 * Sends one large document (1 GiB attachment by default) through a hub running in its own JVM
 * with {@code -Xmx256m}, then fetches it back and compares digests. Not a test: run it by hand
 * (see the README); it needs about six times the size in free disk.
 *
 * <pre>java -cp … vn.lienthong.server.bench.LargeDocument [MiB]</pre>
 */
public final class LargeDocument {

  private LargeDocument() {}

  public static void main(String[] args) throws Exception {
    try {
      run(args.length > 0 ? Integer.parseInt(args[0]) : 1024);
    } finally {
      System.exit(0);
    }
  }

  static void run(int mib) throws Exception {
    Path dir = Files.createTempDirectory("hub-large");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> flags = new ArrayList<>(ChildHub.pkiFlags(dir));
    flags.add("--data.dir=" + dir.resolve("data"));
    flags.add("--max.envelope.mb=" + (mib * 2 + 16));
    try (ChildHub hub = ChildHub.create(port, flags, dir.resolve("hub.log"))) {
      hub.start();
      Directory.register(HubClient.of(hub.address(), DemoSet.PROVINCE), DemoSet.PROVINCE, DemoSet.HA_LONG);
      Path file = dir.resolve("large.pdf");
      byte[] block = new byte[1 << 20];
      Random random = new Random(42);
      try (OutputStream out = Files.newOutputStream(file)) {
        for (int i = 0; i < mib; i++) {
          random.nextBytes(block);
          out.write(block);
        }
      }
      Attachment a = Attachment.of("cid:large", "large.pdf", "", "application/pdf", file);
      Path envelope = dir.resolve("envelope.edxml");
      var signer = TestPki.PKI.system(DemoSet.PROVINCE);
      try (OutputStream out = Files.newOutputStream(envelope)) {
        EdxmlWriter.signing(EnvelopeSigner.of(signer.privateKey(), signer.certificate()))
            .write(Envelopes.document(DemoSet.PROVINCE, "LARGE-1", List.of(DemoSet.HA_LONG), List.of(a)), List.of(a), out);
      }
      Files.delete(file);
      System.out.printf("envelope of %d MiB (attachment %d MiB), hub with -Xmx256m on %s%n",
          Files.size(envelope) >> 20, mib, hub.address());
      ExchangePortType sender = HubClient.of(hub.address(), DemoSet.PROVINCE);
      SendDocumentRequest send = new SendDocumentRequest();
      send.setEnvelope(new DataHandler(new FileDataSource(envelope.toFile())));
      send.setEnvelopeSha256(Calls.sha256(envelope));
      long t0 = System.nanoTime();
      var receipt = sender.sendDocument(send).getReceipt();
      long sent = System.nanoTime();
      System.out.printf("sent in %.1f s (receipt %s)%n", (sent - t0) / 1e9, receipt.getReceiptId());
      ExchangePortType recipient = HubClient.of(hub.address(), DemoSet.HA_LONG);
      MessageInfo m = Calls.pending(recipient, 1).get(0);
      GetMessageRequest get = new GetMessageRequest();
      get.setMessageRef(m.getMessageRef());
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      long t1 = System.nanoTime();
      try (InputStream in = new DigestInputStream(recipient.getMessage(get).getEnvelope().getInputStream(), digest)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      System.out.printf("fetched in %.1f s%n", (System.nanoTime() - t1) / 1e9);
      String fetched = HexFormat.of().formatHex(digest.digest());
      MessageDigest original = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(envelope), original)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      boolean same = fetched.equals(HexFormat.of().formatHex(original.digest()));
      System.out.println(same ? "fetched envelope identical (SHA-256 " + fetched + ")" : "MISMATCH");
      Calls.confirm(recipient, m);
    } finally {
      vn.lienthong.server.store.PayloadStore.deleteRecursively(dir);
    }
  }
}
