package vn.lienthong.client;

import java.nio.file.Path;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.SamplePki;

/** {@link TestHub} for the tests of other packages (dx). */
public final class TestHubAccess implements AutoCloseable {

  private final TestHub hub;
  private final SamplePki pki;

  private TestHubAccess(TestHub hub, SamplePki pki) {
    this.hub = hub;
    this.pki = pki;
  }

  /** The auditor of test hubs. */
  public static final String AUDITOR = TestHub.AUDITOR;

  public static TestHubAccess start(Path dir, SamplePki pki) {
    return new TestHubAccess(TestHub.start(dir, pki), pki);
  }

  /** A hub that seals receipts and evidence ({@code pki}'s hub-seal, time stamps from {@code tsa}). */
  public static TestHubAccess startWithEvidence(Path dir, SamplePki pki, java.net.URI tsa) {
    return new TestHubAccess(TestHub.start(dir, pki, tsa), pki);
  }

  /** A Decree 30 PDF as {@code dir/name}: {@code pki}'s chairman signs, {@code unit}'s seal seals (B-T at {@code tsa}). */
  public static Path signedPdf(SamplePki pki, java.net.URI tsa, Path dir, String name, String unit, int size)
      throws Exception {
    return TestHub.signedPdf(pki, tsa, dir, name, unit, size);
  }

  /** A library client of a demo unit. */
  /** The hub's database (to change what an insider could). */
  public vn.lienthong.server.store.Database database() {
    return hub.database();
  }

  public ExchangeClient client(String organId) {
    return hub.client(organId);
  }

  public String address() {
    return hub.address();
  }

  public Path pkcs12(Credential c, Path file) throws Exception {
    return TestHub.pkcs12(c, file);
  }

  public Path pem(Path file) throws Exception {
    return TestHub.pem(pki.trustAnchors(), file);
  }

  @Override
  public void close() {
    hub.close();
  }
}
