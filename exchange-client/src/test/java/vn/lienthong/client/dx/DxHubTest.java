package vn.lienthong.client.dx;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.client.TestHubAccess;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;

/** A fresh sample PKI with its CA services and a hub for a class of {@code dx} tests, and the arguments they share. */
abstract class DxHubTest {

  @TempDir
  static Path dir;
  static SampleCaServer ca;
  static SamplePki pki;
  static TestHubAccess hub;

  @BeforeAll
  static void start() throws Exception {
    Clock clock = Clock.systemUTC();
    ca = SampleCaServer.bind(0, clock);
    pki = DemoSet.generator(KeyKind.EC_P256, ca.urls()).clock(clock).build().generate();
    ca.start(pki);
    hub = TestHubAccess.start(dir, pki);
  }

  @AfterAll
  static void stop() {
    hub.close();
    ca.close();
  }

  /** {@code dx COMMAND --hub … --key system-UNIT.p12 --password test --trust roots.pem ARGS…}. */
  static String[] hubArgs(String unit, String command, String... rest) throws Exception {
    List<String> all = new ArrayList<>(List.of(command, "--hub", hub.address(), "--key",
        hub.pkcs12(pki.system(unit), dir.resolve("system-" + unit + ".p12")).toString(), "--password", "test",
        "--trust", hub.pem(dir.resolve("roots.pem")).toString()));
    all.addAll(List.of(rest));
    return all.toArray(new String[0]);
  }

  /** A sample image (a handwritten signature, a seal) written into {@link #dir}. */
  static Path resource(String name) throws Exception {
    try (InputStream in = DxHubTest.class.getResourceAsStream("/vn/lienthong/sample/images/" + name)) {
      return Files.write(dir.resolve(name), in.readAllBytes());
    }
  }

  /** A one-page PDF without content, as a draft to sign. */
  static Path blankPdf(String name) throws Exception {
    Path draft = dir.resolve(name);
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage());
      doc.save(draft.toFile());
    }
    return draft;
  }
}
