package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.HOME_AFFAIRS;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.SamplePki;

/**
 * Binary values through zeep (Python), a client we did not write. zeep reads an MTOM part sent
 * with {@code Content-Transfer-Encoding: binary} with {@code content.strip(b"\r\n")}: any value
 * that begins or ends with a CR or LF byte arrives cut. The hub sent every binary value as an MTOM
 * part: the envelope, which the writer ended with a line break, and the short DER values
 * (certificates, receipts, delivery evidence, time-stamp tokens), of which about one in a hundred
 * ends with such a byte.
 */
class ZeepBinaryTest {

  static final String SCRIPT = String.join("\n",
      "import sys, json, datetime, hashlib, requests, xmlsec",
      "from zeep import Client",
      "from zeep.transports import Transport",
      "from zeep.wsse.compose import Compose",
      "from zeep.wsse.signature import BinarySignature",
      "from zeep.wsse.utils import WSU, get_security_header, get_timestamp",
      "wsdl, cert, key, ca, leaf, op, arg = sys.argv[1:8]",
      "class Timestamp:",
      "    def apply(self, envelope, headers):",
      "        now = datetime.datetime.now(datetime.timezone.utc)",
      "        get_security_header(envelope).append(WSU.Timestamp(",
      "            WSU.Created(get_timestamp(now, zulu_timestamp=True)),",
      "            WSU.Expires(get_timestamp(now + datetime.timedelta(minutes=5), zulu_timestamp=True))))",
      "        return envelope, headers",
      "    def verify(self, envelope):",
      "        return envelope",
      "class RequestSignature(BinarySignature):",
      "    def verify(self, envelope):",
      "        return envelope",
      "s = requests.Session()",
      "s.trust_env = False",
      "s.cert = (cert, key)",
      "s.verify = ca",
      "signature = RequestSignature(key, leaf, signature_method=xmlsec.Transform.ECDSA_SHA256,",
      "    digest_method=xmlsec.Transform.SHA256)",
      "c = Client(wsdl, transport=Transport(session=s), wsse=Compose([Timestamp(), signature]))",
      "if op == 'envelope':",
      "    ref = c.service.GetPendingMessages(Max=1).Message[0].MessageRef",
      "    data = c.service.GetMessage(MessageRef=ref).Envelope",
      "    print('SHA256=' + hashlib.sha256(data).hexdigest())",
      "else:",
      "    unit = c.service.GetUnit(OrganId=arg)",
      "    for x in unit.Certificate:",
      "        print('DER=' + x.Der.hex() + ';')",
      "");

  @TempDir
  Path dir;

  private String zeep(TestHub hub, String unitId, String op, String arg) throws Exception {
    ZeepTest.requireZeep();
    Credential unit = TestHub.PKI.system(unitId);
    Path cert = TestHub.pem(unit.chain(), dir.resolve("cert.pem"));
    Path key = ZeepTest.pem(dir.resolve("key.pem"), "PRIVATE KEY", unit.privateKey().getEncoded());
    Path ca = TestHub.pem(TestHub.PKI.trustAnchors(), dir.resolve("ca.pem"));
    Path leaf = TestHub.pem(List.of(unit.certificate()), dir.resolve("leaf.pem"));
    Path script = Files.writeString(dir.resolve("zeep_binary.py"), SCRIPT);
    ProcessBuilder pb = new ProcessBuilder(ZeepTest.PYTHON.toString(), script.toString(), hub.address() + "?wsdl",
        cert.toString(), key.toString(), ca.toString(), leaf.toString(), op, arg).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.endsWith("CA_BUNDLE") || k.toLowerCase().endsWith("_proxy"));
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void anEnvelopeFetchedWithZeepHasTheDigestOfTheHubsReceipt() throws Exception {
    try (TestHub hub = TestHub.start(dir.resolve("hub")); ExchangeClient province = hub.client(PROVINCE)) {
      Receipt receipt = province.send(DocumentBuilder.from(PROVINCE, "Ủy ban nhân dân tỉnh Quảng Ninh",
          Clock.systemUTC()).to(HOME_AFFAIRS, "Sở Nội vụ").documentId("ZEEP-BIN-1").subject("V/v nhị phân")
          .write(TestHub.signer(PROVINCE), dir.resolve("out.edxml")));

      String out = zeep(hub, HOME_AFFAIRS, "envelope", "");

      assertThat(out).contains("SHA256=" + receipt.contentSha256());
    }
  }

  @Test
  void aCertificateWhoseDerEndsWithALineFeedReachesZeepWhole() throws Exception {
    String organId = "000.00.31.H49";
    X509Certificate cert = certificateEndingWithLineFeed(organId);
    try (TestHub hub = TestHub.start(dir.resolve("hub"))) {
      hub.registry().addCertificate(OrganId.of(organId), cert.getEncoded());

      String out = zeep(hub, HOME_AFFAIRS, "unit", organId);

      assertThat(out).contains("DER=" + HexFormat.of().formatHex(cert.getEncoded()) + ";");
    }
  }

  /** A system certificate for {@code organId} by the sample government CA whose DER's last byte is 0x0A. */
  static X509Certificate certificateEndingWithLineFeed(String organId) throws Exception {
    Credential ca = TestHub.PKI.credential(SamplePki.GOV_CA);
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    var keys = g.generateKeyPair();
    Instant now = Instant.now();
    for (int serial = 1; serial < 100_000; serial++) {
      var builder = new JcaX509v3CertificateBuilder(ca.certificate(), BigInteger.valueOf(serial),
          Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)),
          new X500Name("CN=Sở Tài chính - hệ thống, UID=ORGANID:" + organId + ", C=VN"), keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(
          new JcaContentSignerBuilder(ca.privateKey().getAlgorithm().equals("EC") ? "SHA256withECDSA"
              : "SHA256withRSA").build(ca.privateKey())));
      byte[] der = cert.getEncoded();
      if (der[der.length - 1] == '\n') {
        return cert;
      }
    }
    throw new IllegalStateException("no certificate ending with 0x0A");
  }
}
