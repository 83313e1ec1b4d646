package vn.lienthong.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.TimeStampClient;
import vn.lienthong.sample.pki.CaUrls;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;

/** The hub's seal in one pass (signed and time-stamped while the SignerInfo is built) and in two. */
class EvidenceSealTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void oneAndTwoPassesGiveTheSameVerifiableCadesT() throws Exception {
    try (SampleCaServer server = SampleCaServer.bind(0, Clock.systemUTC())) {
      SamplePki pki = DemoSet.generator(KeyKind.EC_P256, server.urls()).units(List.of()).build().generate();
      server.start(pki);
      var hub = pki.credential(SamplePki.HUB_SEAL);
      EvidenceSeal seal = new EvidenceSeal(hub.privateKey(), hub.chain(), new SecureRandom());
      TimeStampClient tsa = new TimeStampClient(server.urls().tsa(), Clock.systemUTC(), new SecureRandom(), TIMEOUT);
      byte[] content = EvidenceDocumentsTest.receipt().toXml();

      for (byte[] cms : List.of(seal.signStamped(content, tsa), EvidenceSeal.timestamp(seal.sign(content), tsa))) {
        assertThat(EvidenceSeal.isTimestamped(cms)).isTrue();
        assertThat(EvidenceSeal.content(cms)).isEqualTo(content);
        CMSSignedData data = new CMSSignedData(cms);
        SignerInformation si = data.getSignerInfos().getSigners().iterator().next();
        assertThat(si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(hub.chain().get(0)))).isTrue();
        assertThat(data.getCertificates().getMatches(null)).hasSize(hub.chain().size());
        TimeStampToken token = new TimeStampToken(new CMSSignedData(si.getUnsignedAttributes()
            .get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken).getAttrValues().getObjectAt(0)
            .toASN1Primitive().getEncoded()));
        assertThat(token.getTimeStampInfo().getMessageImprintDigest())
            .as("the time stamp covers this signature value")
            .isEqualTo(MessageDigest.getInstance("SHA-256").digest(si.getSignature()));
        token.validate(new JcaSimpleSignerInfoVerifierBuilder()
            .build(new X509CertificateHolder(pki.certificate(SamplePki.TSA).getEncoded())));
      }
    }
  }

  @Test
  void aTsaThatDoesNotAnswerIsTheTsasFailureNotTheSeals() throws Exception {
    SamplePki pki = DemoSet.generator(KeyKind.EC_P256, CaUrls.loopback(1)).units(List.of()).build().generate();
    URI closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/tsa");
    }
    var hub = pki.credential(SamplePki.HUB_SEAL);
    EvidenceSeal seal = new EvidenceSeal(hub.privateKey(), hub.chain(), new SecureRandom());
    TimeStampClient down = new TimeStampClient(closed, Clock.systemUTC(), new SecureRandom(), TIMEOUT);

    assertThatThrownBy(() -> seal.signStamped(EvidenceDocumentsTest.receipt().toXml(), down))
        .isInstanceOfSatisfying(PkiException.class,
            e -> assertThat(e.reason()).isEqualTo(PkiException.Reason.TSA_UNAVAILABLE));
    assertThat(EvidenceSeal.isTimestamped(seal.sign(EvidenceDocumentsTest.receipt().toXml()))).isFalse();
  }
}
