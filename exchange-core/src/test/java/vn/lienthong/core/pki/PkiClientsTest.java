package vn.lienthong.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.pki.PkiException.Reason;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;
import vn.lienthong.sample.services.SampleCaServer.Service;

/** The RFC 3161 and revocation clients against the sample CA services on loopback. */
class PkiClientsTest {

  static final Duration TIMEOUT = Duration.ofSeconds(5);
  final SecureRandom random = new SecureRandom();

  @Test
  void timeStampIsOverOurDigestFromTheSampleTsa() throws Exception {
    try (Fixture f = new Fixture(Clock.systemUTC())) {
      byte[] digest = DigestAlgorithm.SHA384.newDigest().digest("tài liệu".getBytes());

      TimeStamp stamp = new TimeStampClient(f.server.urls().tsa(), f.clock, random, TIMEOUT)
          .stamp(DigestAlgorithm.SHA384, digest);

      TimeStampToken token = new TimeStampToken(new CMSSignedData(stamp.encoded()));
      assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
      assertThat(token.getTimeStampInfo().getNonce()).isNotNull();
      assertThat(stamp.tsaCertificate()).isEqualTo(f.pki.certificate(SamplePki.TSA));
      assertThat(stamp.time()).isBetween(Instant.now().minusSeconds(60), Instant.now());
    }
  }

  @Test
  void tsaWhoseClockIsAnHourAheadIsRefused() throws Exception {
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
    try (Fixture f = new Fixture(ahead)) {
      TimeStampClient client =
          new TimeStampClient(f.server.urls().tsa(), Clock.systemUTC(), random, TIMEOUT);
      assertThatThrownBy(() -> client.stamp(DigestAlgorithm.SHA256, new byte[32]))
          .isInstanceOfSatisfying(PkiException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.TSA_UNAVAILABLE))
          .hasMessageContaining("far from ours");
    }
  }

  @Test
  void goodCertificateGetsAVerifiedOcspResponse() throws Exception {
    try (Fixture f = new Fixture(Clock.systemUTC())) {
      Credential chairman = f.pki.credential(DemoSet.CHAIRMAN);

      RevocationEvidence evidence = f.revocation().check(chairman.certificate(),
          chairman.chain().get(1));

      assertThat(evidence.kind()).isEqualTo(RevocationEvidence.Kind.OCSP);
      assertThat(evidence.signerCertificates())
          .containsExactly(f.pki.certificate(SamplePki.OCSP_GOV_CA));
    }
  }

  @Test
  void revokedCertificateIsFoundRevokedInTheCrlWhenOcspIsDown() throws Exception {
    try (Fixture f = new Fixture(Clock.systemUTC())) {
      f.server.setDown(Service.OCSP, true);
      Credential revoked = f.pki.credential(SamplePki.BAD_REVOKED);

      assertThatThrownBy(() -> f.revocation().check(revoked.certificate(), revoked.chain().get(1)))
          .isInstanceOfSatisfying(PkiException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.REVOKED))
          .hasMessageContaining("CRL");
    }
  }

  @Test
  void answersDatedInTheFutureAreNotBelieved() throws Exception {
    try (Fixture f = new Fixture(Clock.offset(Clock.systemUTC(), Duration.ofHours(2)))) {
      Credential chairman = f.pki.credential(DemoSet.CHAIRMAN);
      RevocationClient client = new RevocationClient(Clock.systemUTC(), random, TIMEOUT);

      assertThatThrownBy(() -> client.check(chairman.certificate(), chairman.chain().get(1)))
          .isInstanceOfSatisfying(PkiException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.REVOCATION_UNAVAILABLE))
          .hasMessageContaining("future");
    }
  }

  @Test
  void chainIsCompletedThroughTheCaIssuersUrl() throws Exception {
    try (Fixture f = new Fixture(Clock.systemUTC())) {
      Credential chairman = f.pki.credential(DemoSet.CHAIRMAN);
      ValidationDataCollector collector = new ValidationDataCollector(f.revocation(), TIMEOUT);

      List<java.security.cert.X509Certificate> chain =
          collector.chain(chairman.certificate(), List.of());

      assertThat(chain).containsExactlyElementsOf(chairman.chain());
      assertThat(f.server.requestCount(Service.CA_CERTIFICATES)).isEqualTo(2);
    }
  }

  /** A fresh PKI (generated with the server's clock) served on a free port. */
  private final class Fixture implements AutoCloseable {
    final Clock clock;
    final SampleCaServer server;
    final SamplePki pki;

    Fixture(Clock serverClock) throws Exception {
      this.clock = Clock.systemUTC();
      this.server = SampleCaServer.bind(0, serverClock);
      this.pki = DemoSet.generator(KeyKind.EC_P256, server.urls()).clock(Clock.systemUTC())
          .build().generate();
      server.start(pki);
    }

    RevocationClient revocation() {
      return new RevocationClient(clock, random, TIMEOUT);
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
