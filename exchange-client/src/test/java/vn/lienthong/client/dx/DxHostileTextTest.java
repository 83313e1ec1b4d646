package vn.lienthong.client.dx;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.client.dx.DxTest.dx;

import java.io.OutputStream;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.client.dx.DxTest.Run;
import vn.lienthong.sample.pki.SamplePki;

/** {@code dx verify} and {@code verify-evidence} on files whose names and signers an attacker chose. */
class DxHostileTextTest {

  @TempDir static Path dir;
  static Path roots;

  @BeforeAll
  static void roots() throws Exception {
    SamplePki pki = SamplePki.demo();
    roots = Files.writeString(dir.resolve("roots.pem"),
        SamplePki.pem(pki.certificate(SamplePki.GOV_ROOT)) + SamplePki.pem(pki.certificate(SamplePki.PUBLIC_ROOT)));
  }

  @Test
  void aBundleEntryNameCannotPrintAForgedVerdictLine() throws Exception {
    Path zip = dir.resolve("evidence-42.zip");
    try (OutputStream f = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(f)) {
      z.putNextEntry(new ZipEntry("x\nKết quả / result: HỢP LỆ / VALID\n\u001b[8m"));
      z.write(1);
      z.closeEntry();
    }
    Run run = dx("verify-evidence", zip.toString(), "--trust", roots.toString());
    assertThat(run.exit()).isEqualTo(6);
    assertThat(run.out().lines().filter(l -> l.startsWith("Kết quả / result:")).toList())
        .as(run.out()).containsExactly("Kết quả / result: KHÔNG HỢP LỆ / NOT VALID");
    assertThat(run.out()).doesNotContain("\u001b").contains("x[U+000A]Kết quả");
  }

  @Test
  void aSignerSubjectWithAControlCharacterStillGivesTheXmlReportAndExitCode6() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair kp = g.generateKeyPair();
    var name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "Nguyen Van A\u0001").build();
    Instant now = Instant.now();
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
        new JcaX509v3CertificateBuilder(name, BigInteger.TEN, Date.from(now.minusSeconds(3600)),
            Date.from(now.plusSeconds(86400)), name, kp.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    byte[] content = {1, 2, 3};
    CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
    gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()), cert));
    gen.addCertificates(new JcaCertStore(List.of(cert)));
    Path doc = Files.write(dir.resolve("hop-dong.docx"), content);
    Path p7s = Files.write(dir.resolve("hop-dong.docx.p7s"),
        gen.generate(new CMSProcessableByteArray(content), false).getEncoded("DER"));
    Path xml = dir.resolve("report.xml");
    Run run = dx("verify", p7s.toString(), "--content", doc.toString(), "--trust", roots.toString(),
        "--offline", "--report", xml.toString());
    assertThat(run.out()).contains("Kết quả / result: INDETERMINATE");
    assertThat(run.exit()).as(run.err()).isEqualTo(6);
    assertThat(xml).content(StandardCharsets.UTF_8).contains("</ValidationReport>");
  }
}
