package vn.lienthong.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import vn.lienthong.sample.pki.CertRole;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.SamplePki;

/**
 * Reports of files whose signer certificate carries text an attacker chose: every writer still
 * gives a document its readers accept, and no character hides or rewrites what a person reads.
 */
class HostileReportTextTest {

  @TempDir Path dir;

  /** A self-signed EC credential with this CN and serial, as any attacker can make. */
  static Credential selfSigned(String cn, BigInteger serial) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair kp = g.generateKeyPair();
    var name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn)
        .addRDN(BCStyle.O, "Evil").build();
    Instant now = Instant.now();
    var holder = new JcaX509v3CertificateBuilder(name, serial, Date.from(now.minusSeconds(3600)),
        Date.from(now.plusSeconds(86400)), name, kp.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
    return new Credential("evil", CertRole.UNIT_SEAL, "evil", "", "evil", kp.getPrivate(),
        List.of(cert));
  }

  ValidationReport verify(Credential signer) throws Exception {
    Path content = Files.write(dir.resolve("hop-dong.docx"), new byte[] {1, 2, 3});
    Path p7s = DetachedCms.sign(content, signer);
    ValidationReport report = Verifier.builder(SamplePki.demo().trustAnchors())
        .policy(ValidationPolicy.basic()).revocationMode(RevocationMode.OFFLINE).build()
        .verify(p7s);
    assertThat(report.signatures()).hasSize(1);
    assertThat(report.signatures().get(0).signer()).isNotNull();
    return report;
  }

  static byte[] xml(ValidationReport r) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.writeXml(out);
    return out.toByteArray();
  }

  static Element parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
  }

  static void validate(byte[] xml) throws Exception {
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    var schema = f.newSchema(new StreamSource(
        ValidationReport.class.getResource("validation-report.xsd").toString()));
    schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
  }

  @Test
  void aSignerSubjectWithAControlCharacterStillGivesAWellFormedXmlReport() throws Exception {
    ValidationReport report = verify(selfSigned("Nguyen Van A\u0001", BigInteger.TEN));
    byte[] xml = xml(report);
    assertThatCode(() -> parse(xml)).doesNotThrowAnyException();
  }

  @Test
  void theUntrustedChainSentenceHasNoUnfilledPlaceholder() throws Exception {
    ValidationReport report = verify(selfSigned("Nguyen Van A", BigInteger.TEN));
    CheckResult chain = report.signatures().get(0).checks().stream()
        .filter(c -> c.id() == CheckId.CHAIN_TO_TRUST_ANCHOR).findFirst().orElseThrow();
    assertThat(chain.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(Messages.describe(chain, java.util.Locale.ENGLISH)).doesNotContain("{1}")
        .endsWith("the path found ends at O=Evil,CN=Nguyen Van A");
    assertThat(Messages.describe(chain, java.util.Locale.forLanguageTag("vi")))
        .endsWith("đường dẫn tìm được dừng ở O=Evil,CN=Nguyen Van A");
  }

  @Test
  void aSignerCertificateWithANegativeSerialGivesAnXmlReportValidAgainstTheXsd() throws Exception {
    ValidationReport report = verify(selfSigned("Nguyen Van A", BigInteger.valueOf(-4660)));
    byte[] xml = xml(report);
    assertThatCode(() -> validate(xml)).doesNotThrowAnyException();
  }

  @Test
  void aMissingFileGivesAnXmlReportValidAgainstTheXsd() throws Exception {
    ValidationReport report = Verifier.builder(SamplePki.demo().trustAnchors())
        .revocationMode(RevocationMode.OFFLINE).build().verify(dir.resolve("missing.pdf"));
    assertThat(report.verdict().passed()).isFalse();
    byte[] xml = xml(report);
    assertThatCode(() -> validate(xml)).doesNotThrowAnyException();
  }

  @Test
  void aRightToLeftOverrideInTheSignerSubjectIsShownNotObeyedInTheHtmlReport() throws Exception {
    // Rendered raw, this subject reads "Nguyen Van B A (Bo Tai chinh)": another signer's name.
    ValidationReport report = verify(selfSigned("Nguyen Van B\u202E)hnihc iaT oB( A", BigInteger.TEN));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    report.writeHtml(out);
    String html = out.toString(StandardCharsets.UTF_8);
    assertThat(html).doesNotContain("\u202E").contains("Nguyen Van B[U+202E])hnihc iaT oB( A");
  }

  @Test
  void theXmlReportShowsAForbiddenCharacterAsAnEscapeAndStaysValid() throws Exception {
    ValidationReport report = verify(selfSigned("Nguyen Van A\u0001", BigInteger.TEN));
    byte[] xml = xml(report);
    validate(xml);
    assertThat(new String(xml, StandardCharsets.UTF_8)).contains("Nguyen Van A\\u0001");
  }

  @Test
  void aNegativeSerialIsWrittenAsItsTwosComplementBytes() {
    assertThat(CertificateInfo.serialHex(BigInteger.valueOf(-4660))).isEqualTo("edcc");
    assertThat(CertificateInfo.serialHex(BigInteger.valueOf(4660))).isEqualTo("1234");
    assertThat(CertificateInfo.serialHex(BigInteger.valueOf(255))).isEqualTo("ff");
  }

  @Test
  void shownTextKeepsVietnameseAndPairedSurrogatesAndMarksTheRest() {
    assertThat(ShownText.visible("Sở Tài chính \uD835\uDC00")).isEqualTo("Sở Tài chính \uD835\uDC00");
    assertThat(ShownText.visible("a\nb\u001b[8m\u0085\u2066\uD800"))
        .isEqualTo("a[U+000A]b[U+001B][8m[U+0085][U+2066][U+D800]");
    assertThat(ShownText.xml("Sở\tA\u0000\uFFFE\uDC00\uD835\uDC00"))
        .isEqualTo("Sở\tA\\u0000\\uFFFE\\uDC00\uD835\uDC00");
    assertThat(ShownText.xml(null)).isNull();
  }
}
