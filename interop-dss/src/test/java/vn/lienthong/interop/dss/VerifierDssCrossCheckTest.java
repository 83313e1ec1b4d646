package vn.lienthong.interop.dss;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lienthong.core.pdf.PadesLevel;
import vn.lienthong.core.pdf.PdfExtender;
import vn.lienthong.core.pdf.PdfSigner;
import vn.lienthong.core.pdf.SignatureOptions;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.core.validation.SignatureReport;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.RevocationReason;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;

/**
 * Our {@link Verifier} and EU DSS 6.3 give the same main indication for every genuine and
 * bad-signer PDF: signature by signature, in file order.
 */
class VerifierDssCrossCheckTest {

  @org.junit.jupiter.api.io.TempDir static Path dir;
  static SampleCaServer server;
  static SamplePki pki;
  static PdfSigner signer;
  static PdfExtender extender;
  static DssOracle dss;
  static Path letter;

  @BeforeAll
  static void start() throws Exception {
    Clock clock = Clock.systemUTC();
    server = SampleCaServer.bind(0, clock);
    pki = DemoSet.generator(KeyKind.EC_P256, server.urls()).clock(clock).build().generate();
    server.start(pki);
    server.revoke(pki.certificate(SamplePki.BAD_REVOKED), RevocationReason.KEY_COMPROMISE,
        Instant.now().minusSeconds(60));
    signer = PdfSigner.builder().clock(clock).timeStampAuthority(server.urls().tsa())
        .trustAnchors(pki.trustAnchors()).build();
    extender = PdfExtender.builder(server.urls().tsa()).clock(clock)
        .trustAnchors(pki.trustAnchors()).build();
    dss = new DssOracle(pki.trustAnchors());
    letter = dir.resolve("letter.pdf");
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage(PDRectangle.A4));
      doc.save(letter.toFile());
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(PadesLevel.class)
  void aGenuineSealAtEachLevel(PadesLevel level) throws Exception {
    Path pdf = dir.resolve("seal-" + level + ".pdf");
    signer.sign(letter, pdf, key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(level).build());

    assertSameMainIndications(pdf, "TOTAL_PASSED");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theDecree30SignerAndSealThenExtendedToLta(boolean extended) throws Exception {
    Path signed = dir.resolve("signed-" + extended + ".pdf");
    Path sealed = dir.resolve("sealed-" + extended + ".pdf");
    signer.sign(letter, signed, key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_T).build());
    signer.sign(signed, sealed, key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(PadesLevel.B_T).build());
    Path checked = sealed;
    if (extended) {
      checked = dir.resolve("archived.pdf");
      extender.extend(sealed, checked, PadesLevel.B_LTA);
    }

    assertSameMainIndications(checked, "TOTAL_PASSED");
  }

  @ParameterizedTest
  @ValueSource(strings = {SamplePki.BAD_REVOKED, SamplePki.BAD_EXPIRED,
      SamplePki.BAD_NOT_YET_VALID, SamplePki.BAD_UNTRUSTED, SamplePki.BAD_NO_SIGNING_USAGE,
      SamplePki.BAD_RSA_1024, SamplePki.BAD_SHA1})
  void aBadSigner(String alias) throws Exception {
    Path pdf = dir.resolve(alias + ".pdf");
    signUnchecked(letter, pdf, pki.credential(alias));

    String ours = assertSameMainIndications(pdf, null);
    assertThat(ours).as(alias).isNotEqualTo("TOTAL_PASSED");
  }

  /**
   * Where we and DSS's default policy knowingly differ (interop-dss/README.md explains each):
   * file, then our main indication, then DSS's.
   */
  static final java.util.Map<String, List<String>> KNOWN_DISAGREEMENTS = java.util.Map.of(
      "bad-not-yet-valid.pdf", List.of("TOTAL_FAILED", "INDETERMINATE"),
      "bad-no-signing-usage.pdf", List.of("INDETERMINATE", "TOTAL_PASSED"));

  /** Compares signature by signature; returns our main indication of the first signature. */
  private static String assertSameMainIndications(Path pdf, String expected) throws Exception {
    ValidationReport ours = Verifier.builder(pki.trustAnchors())
        .policy(ValidationPolicy.basic()).build().verify(pdf);
    List<String> ourIndications = ours.signatures().stream()
        .filter(s -> s.kind() == SignatureReport.Kind.PADES)
        .map(s -> s.verdict().indication().name()).toList();
    var dssVerdicts = dss.validate(pdf, crls()).values();
    List<String> dssIndications = dssVerdicts.stream().map(v -> v.indication().name()).toList();
    String name = pdf.getFileName().toString();
    String why = name + " ours " + ours.signatures().stream().map(s -> s.verdict().toString())
        .toList() + " vs DSS " + dssVerdicts;
    if (KNOWN_DISAGREEMENTS.containsKey(name)) {
      assertThat(List.of(ourIndications.get(0), dssIndications.get(0))).as(why)
          .isEqualTo(KNOWN_DISAGREEMENTS.get(name));
      return ourIndications.get(0);
    }
    assertThat(ourIndications).as(why).isEqualTo(dssIndications);
    if (expected != null) {
      assertThat(ourIndications).allMatch(expected::equals);
    }
    return ourIndications.get(0);
  }

  private static SigningKey key(String alias) {
    Credential c = pki.credential(alias);
    return SigningKey.of(c.privateKey(), c.chain());
  }

  /** A B-B signature by any key, without the checks PdfSigner makes: what a forger sends. */
  static void signUnchecked(Path in, Path out, Credential credential) throws Exception {
    try (PDDocument doc = Loader.loadPDF(in.toFile());
        OutputStream os = Files.newOutputStream(out)) {
      PDSignature signature = new PDSignature();
      signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      signature.setSubFilter(COSName.getPDFName("ETSI.CAdES.detached"));
      signature.setSignDate(Calendar.getInstance());
      var options = new org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions();
      options.setPreferredSignatureSize(16 * 1024);
      doc.addSignature(signature, content -> cms(content.readAllBytes(), credential), options);
      doc.saveIncremental(os);
      options.close();
    }
  }

  private static byte[] cms(byte[] content, Credential credential) {
    try {
      var cert = credential.certificate();
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
      AttributeTable signed = new AttributeTable(new Attribute(
          PKCSObjectIdentifiers.id_aa_signingCertificateV2,
          new DERSet(new SigningCertificateV2(new ESSCertIDv2(hash)))));
      String algorithm = cert.getPublicKey().getAlgorithm().equals("RSA") ? "SHA256withRSA"
          : "SHA256withECDSA";
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
          new JcaDigestCalculatorProviderBuilder().build())
          .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signed))
          .build(new JcaContentSignerBuilder(algorithm).build(credential.privateKey()), cert));
      generator.addCertificates(new JcaCertStore(credential.chain()));
      return generator.generate(new CMSProcessableByteArray(content), false).getEncoded("DER");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The sample CAs' CRLs, handed to DSS as any relying party would download them. */
  private static List<byte[]> crls() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<byte[]> crls = new ArrayList<>();
    for (String ca : List.of(SamplePki.GOV_ROOT, SamplePki.GOV_CA, SamplePki.PUBLIC_ROOT,
        SamplePki.PUBLIC_CA)) {
      crls.add(http.send(HttpRequest.newBuilder(pki.urls().crl(ca)).build(),
          HttpResponse.BodyHandlers.ofByteArray()).body());
    }
    return crls;
  }
}
