package vn.lienthong.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampResponse;
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
  void givenRootsTheTsaMustChainToOneOfThem() throws Exception {
    try (Fixture f = new Fixture(Clock.systemUTC())) {
      TimeStampClient trusting = new TimeStampClient(f.server.urls().tsa(), f.clock, random, TIMEOUT,
          f.pki.trustAnchors());
      TimeStamp first = trusting.stamp(DigestAlgorithm.SHA256, new byte[32]);
      // the second stamp uses the path found for the first
      assertThat(trusting.stamp(DigestAlgorithm.SHA256, new byte[32]).tsaCertificate())
          .isEqualTo(first.tsaCertificate()).isEqualTo(f.pki.certificate(SamplePki.TSA));

      SamplePki other = DemoSet.generator(KeyKind.EC_P256, f.server.urls()).units(List.of()).build().generate();
      TimeStampClient elsewhere = new TimeStampClient(f.server.urls().tsa(), f.clock, random, TIMEOUT,
          other.trustAnchors());
      assertThatThrownBy(() -> elsewhere.stamp(DigestAlgorithm.SHA256, new byte[32]))
          .isInstanceOfSatisfying(PkiException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.TSA_UNAVAILABLE))
          .hasMessageContaining("does not chain to a trusted root");
    }
  }

  @Test
  void aStoredTokenIsCheckedForItsDigestSignatureAndChain() throws Exception {
    try (Fixture f = new Fixture(Clock.systemUTC())) {
      byte[] digest = DigestAlgorithm.SHA256.newDigest().digest("nhật ký".getBytes());
      byte[] token = new TimeStampClient(f.server.urls().tsa(), f.clock, random, TIMEOUT)
          .stamp(DigestAlgorithm.SHA256, digest).encoded();
      TimeStampVerifier trusting = new TimeStampVerifier(f.pki.trustAnchors());
      TimeStamp ok = trusting.verify(token, digest);
      assertThat(ok.tsaCertificate()).isEqualTo(f.pki.certificate(SamplePki.TSA));
      assertThat(ok.time()).isBetween(Instant.now().minusSeconds(60), Instant.now());

      SamplePki other = DemoSet.generator(KeyKind.EC_P256, f.server.urls()).units(List.of()).build().generate();
      assertInvalid(() -> new TimeStampVerifier(other.trustAnchors()).verify(token, digest),
          "does not chain to a trusted root");
      byte[] otherDigest = digest.clone();
      otherDigest[0] ^= 1;
      assertInvalid(() -> trusting.verify(token, otherDigest), "not over the expected digest");
      byte[] signature = new TimeStampToken(new CMSSignedData(token)).toCMSSignedData().getSignerInfos()
          .getSigners().iterator().next().getSignature();
      byte[] forged = token.clone();
      forged[indexOf(forged, signature) + signature.length - 1] ^= 1;
      assertInvalid(() -> trusting.verify(forged, digest), "");
      assertInvalid(() -> trusting.verify(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, digest), "");
      assertInvalid(() -> trusting.verify(new byte[0], digest), "");
      // the reporting form, with the digest in hexadecimal as audit anchors store it
      String hex = java.util.HexFormat.of().formatHex(digest);
      assertThat(trusting.problem(token, hex)).isEmpty();
      assertThat(trusting.problem(forged, hex)).hasValueSatisfying(p -> assertThat(p).isNotBlank());
      assertThat(trusting.problem(token, "zz")).hasValueSatisfying(p -> assertThat(p).contains("not hexadecimal"));
    }
  }

  private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(PkiException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_INVALID)).hasMessageContaining(message);
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
  void timeStampWhoseSignatureWasAlteredIsRefused() throws Exception {
    try (Fixture f = new Fixture(Clock.systemUTC())) {
      // a relay that flips the last byte of the token's signature value (still well-formed DER)
      HttpServer relay = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      relay.createContext("/tsa", ex -> {
        byte[] answer;
        try {
          answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(f.server.urls().tsa())
              .header("Content-Type", "application/timestamp-query")
              .POST(HttpRequest.BodyPublishers.ofByteArray(ex.getRequestBody().readAllBytes())).build(),
              HttpResponse.BodyHandlers.ofByteArray()).body();
          byte[] signature = new TimeStampResponse(answer).getTimeStampToken().toCMSSignedData()
              .getSignerInfos().getSigners().iterator().next().getSignature();
          answer[indexOf(answer, signature) + signature.length - 1] ^= 1;
        } catch (Exception e) {
          throw new IOException(e);
        }
        ex.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
        ex.sendResponseHeaders(200, answer.length);
        ex.getResponseBody().write(answer);
        ex.close();
      });
      relay.start();
      try {
        URI url = URI.create("http://127.0.0.1:" + relay.getAddress().getPort() + "/tsa");
        TimeStampClient client = new TimeStampClient(url, f.clock, random, TIMEOUT);

        assertThatThrownBy(() -> client.stamp(DigestAlgorithm.SHA256, new byte[32]))
            .isInstanceOfSatisfying(PkiException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.TSA_UNAVAILABLE))
            .hasMessageContaining("answered something unusable");
      } finally {
        relay.stop(0);
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("signature not found in the answer");
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
