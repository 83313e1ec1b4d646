package vn.lienthong.core.pdf;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.interop.Pdfsig;
import vn.lienthong.sample.pki.KeyKind;

/**
 * The set-up of the test classes that sign online and check with poppler's pdfsig: per class, a
 * temporary directory, the sample services on an ECDSA P-256 PKI and pdfsig trusting its roots.
 */
abstract class PdfsigFixture {

  @TempDir static Path dir;
  static SampleServices services;
  static Pdfsig pdfsig;

  @BeforeAll
  static void startServices() throws Exception {
    services = new SampleServices(KeyKind.EC_P256);
    pdfsig = Pdfsig.trusting(dir, services.pki.trustAnchors());
  }

  @AfterAll
  static void stopServices() {
    services.close();
  }
}
