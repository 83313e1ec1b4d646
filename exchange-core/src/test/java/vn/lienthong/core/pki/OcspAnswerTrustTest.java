package vn.lienthong.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.pki.PkiException.Reason;

/**
 * RevocationClient against a hand-made OCSP responder: answers it must not believe, an expired
 * delegated responder's and a year-old one without a next update.
 */
class OcspAnswerTrustTest {

  final Instant now = Instant.now();
  final SecureRandom random = new SecureRandom();
  HttpServer server;
  KeyPair caKeys;
  X509Certificate ca;
  X509Certificate leaf;
  /** What signs the next answer, the certificate it carries, and its thisUpdate/nextUpdate. */
  final AtomicReference<Answer> answer = new AtomicReference<>();

  record Answer(KeyPair signer, X509Certificate signerCert, Instant thisUpdate, Instant nextUpdate) {}

  @BeforeEach
  void pki() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp";
    caKeys = keys();
    ca = cert("CN=Review CA", caKeys, "CN=Review CA", caKeys, now.minus(Duration.ofDays(400)),
        now.plus(Duration.ofDays(3650)), true, null, null);
    leaf = cert("CN=Review Signer", keys(), "CN=Review CA", caKeys, now.minus(Duration.ofDays(10)),
        now.plus(Duration.ofDays(365)), false, url, null);
    server.createContext("/ocsp", ex -> {
      try {
        OCSPReq req = new OCSPReq(ex.getRequestBody().readAllBytes());
        Answer a = answer.get();
        BasicOCSPRespBuilder b = new JcaBasicOCSPRespBuilder(a.signerCert().getPublicKey(),
            new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1));
        b.addResponse(req.getRequestList()[0].getCertID(), CertificateStatus.GOOD,
            Date.from(a.thisUpdate()), a.nextUpdate() == null ? null : Date.from(a.nextUpdate()),
            null);
        // like many responders, no nonce echoed
        byte[] body = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL,
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(a.signer().getPrivate()),
                new X509CertificateHolder[] {new JcaX509CertificateHolder(a.signerCert())},
                Date.from(a.thisUpdate()))).getEncoded();
        ex.getResponseHeaders().set("Content-Type", "application/ocsp-response");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      } catch (Exception e) {
        ex.sendResponseHeaders(500, -1);
      } finally {
        ex.close();
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** RFC 6960 4.2.2.2 / README: a delegated responder must be valid when it answers. */
  @Test
  void answerSignedByAnExpiredDelegatedResponderIsNotBelieved() throws Exception {
    KeyPair responderKeys = keys();
    X509Certificate expiredResponder = cert("CN=Review OCSP", responderKeys, "CN=Review CA",
        caKeys, now.minus(Duration.ofDays(300)), now.minus(Duration.ofDays(30)), false, null,
        KeyPurposeId.id_kp_OCSPSigning);
    answer.set(new Answer(responderKeys, expiredResponder, now, now.plus(Duration.ofHours(1))));

    assertNotBelieved();
  }

  /** A year-old answer without nextUpdate (and without our nonce) is a replay, not fresh. */
  @Test
  void yearOldAnswerWithoutNextUpdateIsNotFresh() throws Exception {
    answer.set(new Answer(caKeys, ca, now.minus(Duration.ofDays(365)), null));

    assertNotBelieved();
  }

  private void assertNotBelieved() {
    RevocationClient client = new RevocationClient(Clock.systemUTC(), random, Duration.ofSeconds(5));
    assertThatThrownBy(() -> client.check(leaf, ca))
        .isInstanceOfSatisfying(PkiException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.REVOCATION_UNAVAILABLE));
  }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private X509Certificate cert(String subject, KeyPair subjectKeys, String issuer,
      KeyPair issuerKeys, Instant from, Instant until, boolean isCa, String ocspUrl,
      KeyPurposeId eku) throws Exception {
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
        new BigInteger(64, random).abs().add(BigInteger.ONE), Date.from(from), Date.from(until),
        new X500Name(subject), subjectKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(isCa
        ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
    if (ocspUrl != null) {
      b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
          AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier,
              ocspUrl)));
    }
    if (eku != null) {
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
    }
    return new JcaX509CertificateConverter().getCertificate(b.build(
        new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
  }
}
