package vn.lienthong.core.pdf;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.sample.pki.KeyKind;

/**
 * The set-up of the PDF test classes that sign and verify: per class, a temporary directory and
 * the sample services (PKI, OCSP, time stamps) on an ECDSA P-256 PKI.
 */
abstract class ServicesFixture {

  @TempDir static Path dir;
  static SampleServices services;

  @BeforeAll
  static void startServices() throws Exception {
    services = new SampleServices(KeyKind.EC_P256);
  }

  @AfterAll
  static void stopServices() {
    services.close();
  }
}
