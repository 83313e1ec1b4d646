package vn.lienthong.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.send;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;
import vn.lienthong.server.api.ws.GetEvidenceRequest;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;

/**
 * KeyInfo is outside the signature: a sender can put a certificate of its own making before its
 * real one, in a namespace the envelope verifier ignores. The hub's evidence bundle must then still
 * be built from the certificate the verifier took, and no URL that decoy names is fetched.
 */
class DecoySignerCertificateTest {

  static SampleCaServer ca;
  static SamplePki pki;
  static HttpServer trap;
  static final AtomicInteger fetched = new AtomicInteger();

  @TempDir Path dir;

  @BeforeAll
  static void services() throws Exception {
    ca = SampleCaServer.bind(0, Clock.systemUTC());
    pki = DemoSet.generator(KeyKind.EC_P256, ca.urls()).units(DemoSet.units()).build().generate();
    ca.start(pki);
    trap = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    trap.createContext("/", x -> {
      fetched.incrementAndGet();
      x.sendResponseHeaders(404, -1);
      x.close();
    });
    trap.start();
  }

  @AfterAll
  static void stop() {
    ca.close();
    trap.stop(0);
  }

  /** A certificate no CA issued, whose caIssuers points at the trap. */
  static String decoyBase64() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    var kp = g.generateKeyPair();
    Instant now = Instant.now();
    var b = new JcaX509v3CertificateBuilder(new X500Name("CN=Nowhere CA"), BigInteger.TEN, Date.from(now.minusSeconds(60)),
        Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=Decoy"), kp.getPublic());
    String url = "http://127.0.0.1:" + trap.getAddress().getPort() + "/internal/admin";
    b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
        new AccessDescription(AccessDescription.id_ad_caIssuers, new GeneralName(GeneralName.uniformResourceIdentifier, url))));
    var cert = new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    return Base64.getEncoder().encodeToString(cert.getEncoded());
  }

  @Test
  void theBundleIsBuiltFromTheVerifiedSignerAndTheDecoysUrlIsNeverFetched() throws Exception {
    Credential seal = pki.credential(SamplePki.HUB_SEAL);
    try (HubFixture hub = HubFixture.start(HubFixture.config(dir.resolve("hub"), null, Duration.ofMinutes(5))
        .toBuilder().auditors(Set.of(OrganId.of(DemoSet.PROVINCE_COUNCIL))).build(), Clock.systemUTC(),
        EvidenceHook.NONE, new EvidenceSetup(seal.privateKey(), seal.chain(), ca.urls().tsa()))) {
      Attachment a = Envelopes.pdf(dir.resolve("files"), "vb.pdf", 20_000, 7, DemoSet.PROVINCE);
      String xml = new String(Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, "DECOY-1",
          List.of(DemoSet.HA_LONG), List.of(a)), List.of(a)), StandardCharsets.UTF_8);
      assertThat(xml).contains("<ds:X509Data>");
      byte[] decoy = xml.replace("<ds:X509Data>", "<ds:X509Data><x:X509Certificate xmlns:x=\"urn:x\">"
          + decoyBase64() + "</x:X509Certificate>").getBytes(StandardCharsets.UTF_8);

      // intake verifies the signature with the sender's registered certificate: accepted
      long messageId = send(hub.client(DemoSet.PROVINCE), decoy).getMessageId();

      GetEvidenceRequest r = new GetEvidenceRequest();
      r.setMessageId(messageId);
      Path out = dir.resolve("bundle.zip");
      Throwable fault = null;
      try (InputStream in = hub.client(DemoSet.HA_LONG).getEvidence(r).getBundle().getInputStream()) {
        Files.copy(in, out);
      } catch (Exception e) {
        fault = e;
      }
      assertThat(fetched).as("requests the hub made to the URL the decoy certificate names (evidence request: %s)", fault).hasValue(0);
      assertThat(fault).as("the recipient's evidence request").isNull();
    }
  }
}
