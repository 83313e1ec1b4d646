package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.core.pdf.VerifierPdfTest.describe;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.validation.RevocationMode;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;

/**
 * What a DSS may hold, forged or odd, against the verifier and the extender: forged OCSP answers by
 * the hundred, delta and CA-only CRLs, indirect and garbage entries; and signatures raised to LT
 * and LTA, again and again, still verifying offline.
 */
class DssAttacksAndExtensionTest {

  @TempDir static Path dir;
  static SampleServices services;
  static Path letter;

  @BeforeAll
  static void start() throws Exception {
    services = new SampleServices(KeyKind.EC_P256);
    letter = TestPdfs.letter(dir.resolve("letter.pdf"), 1);
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  static Verifier offline() {
    return Verifier.builder(services.pki.trustAnchors()).clock(services.clock)
        .policy(ValidationPolicy.basic()).revocationMode(RevocationMode.OFFLINE).build();
  }

  /**
   * N forged OCSP responses about the signer (any key signs them) and N certificates in an
   * appended DSS: each response was tried against every certificate at hand, N * N signature
   * checks per certificate of the path, at the hub's intake of any PDF.
   */
  @Test
  void manyForgedOcspResponsesTimesManyCertificatesAreBounded() throws Exception {
    Path lt = dir.resolve("lt.pdf");
    services.signer().sign(letter, lt, services.key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(PadesLevel.B_LT).build());
    long t0 = System.nanoTime();
    ValidationReport base = offline().verify(lt);
    System.out.println("baseline " + (System.nanoTime() - t0) / 1_000_000 + " ms " + describe(base));
    assertThat(base.verdict().passed()).isTrue();

    X509Certificate signer = services.pki.certificate("seal-" + DemoSet.PROVINCE);
    List<X509Certificate> chain = services.pki.credential("seal-" + DemoSet.PROVINCE).chain();
    X509Certificate issuer = chain.get(1);
    KeyPair signing = DssForgery.ecKey();
    KeyPair other = DssForgery.ecKey();
    String responder = "CN=Forged Responder";
    int n = 800; // before: 800 x 800 signature checks (about 45 s on 2 cores; after: about 1 s)
    List<byte[]> certs = new ArrayList<>();
    List<byte[]> ocsps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      certs.add(DssForgery.selfSigned(other, responder, BigInteger.valueOf(1000 + i),
          other.getPrivate()).getEncoded());
      ocsps.add(DssForgery.ocsp(signer, issuer, responder, signing.getPrivate(),
          Instant.now().minusSeconds(i)));
    }
    Path forged = dir.resolve("lt-forged.pdf");
    DssForgery.appendDss(lt, forged, certs, ocsps, List.of());
    System.out.println("size " + java.nio.file.Files.size(forged));
    long t1 = System.nanoTime();
    ValidationReport report = offline().verify(forged);
    long ms = (System.nanoTime() - t1) / 1_000_000;
    System.out.println("forged " + ms + " ms " + describe(report));
    assertThat(Duration.ofMillis(ms)).isLessThan(Duration.ofSeconds(10));
    assertThat(report.verdict().passed()).as(describe(report)).isTrue();
  }

  /** The sample CA that issued {@code cert}, with its key. */
  static vn.lienthong.sample.pki.Credential issuerOf(X509Certificate cert) {
    return services.pki.certificationAuthorities().stream()
        .filter(c -> c.certificate().getSubjectX500Principal().equals(cert.getIssuerX500Principal()))
        .findFirst().orElseThrow();
  }

  static Path signedByRevokedCertificate(String name) throws Exception {
    X509Certificate revoked = services.pki.certificate(vn.lienthong.sample.pki.SamplePki.BAD_REVOKED);
    services.server.revoke(revoked, vn.lienthong.sample.pki.RevocationReason.KEY_COMPROMISE,
        Instant.now().minusSeconds(3600));
    Path out = dir.resolve(name);
    new Revisions(new CmsSignatureBuilder(new java.security.SecureRandom())).sign(letter, out,
        services.key(vn.lienthong.sample.pki.SamplePki.BAD_REVOKED),
        SignatureOptions.builder().level(PadesLevel.B_T).build(), services.clock.instant(),
        new vn.lienthong.core.pki.TimeStampClient(services.server.urls().tsa(), services.clock,
            new java.security.SecureRandom(), Duration.ofSeconds(10)));
    return out;
  }

  static Verifier online() {
    return Verifier.builder(services.pki.trustAnchors()).clock(services.clock)
        .policy(ValidationPolicy.basic()).revocationMode(RevocationMode.ONLINE).build();
  }

  /**
   * A delta CRL lists only what was revoked since its base CRL: it says nothing about a
   * certificate revoked before. Put alone into the DSS it must not prove "not revoked".
   */
  @Test
  void aDeltaCrlInTheDssDoesNotHideARevocation() throws Exception {
    Path signed = signedByRevokedCertificate("revoked-delta.pdf");
    assertThat(online().verify(signed).verdict().subIndication().orElse(null))
        .isEqualTo(vn.lienthong.core.validation.SubIndication.REVOKED);
    X509Certificate cert = services.pki.certificate(vn.lienthong.sample.pki.SamplePki.BAD_REVOKED);
    byte[] delta = DssForgery.emptyCrl(issuerOf(cert),
        org.bouncycastle.asn1.x509.Extension.deltaCRLIndicator, true,
        new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.valueOf(999)));
    Path forged = dir.resolve("revoked-delta-dss.pdf");
    DssForgery.appendDss(signed, forged, List.of(), List.of(), List.of(delta));

    ValidationReport report = online().verify(forged);

    assertThat(report.verdict().passed()).as(describe(report)).isFalse();
    assertThat(report.verdict().subIndication().orElse(null)).as(describe(report))
        .isEqualTo(vn.lienthong.core.validation.SubIndication.REVOKED);
  }

  /** A CRL that covers only CA certificates (an ARL) says nothing about an end entity. */
  @Test
  void aCrlOfCaCertificatesOnlyDoesNotHideARevocation() throws Exception {
    Path signed = signedByRevokedCertificate("revoked-arl.pdf");
    X509Certificate cert = services.pki.certificate(vn.lienthong.sample.pki.SamplePki.BAD_REVOKED);
    byte[] arl = DssForgery.emptyCrl(issuerOf(cert),
        org.bouncycastle.asn1.x509.Extension.issuingDistributionPoint, true,
        new org.bouncycastle.asn1.x509.IssuingDistributionPoint(null, false, true, null, false,
            false));
    Path forged = dir.resolve("revoked-arl-dss.pdf");
    DssForgery.appendDss(signed, forged, List.of(), List.of(), List.of(arl));

    ValidationReport report = online().verify(forged);

    assertThat(report.verdict().subIndication().orElse(null)).as(describe(report))
        .isEqualTo(vn.lienthong.core.validation.SubIndication.REVOKED);
  }

  /** The DSS arrays and VRI made indirect objects (as other producers write them). */
  static void makeDssIndirect(Path in, Path out) throws Exception {
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(in.toFile());
        java.io.OutputStream os = java.nio.file.Files.newOutputStream(out)) {
      org.apache.pdfbox.cos.COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
      org.apache.pdfbox.cos.COSDictionary dss = catalog.getCOSDictionary(
          org.apache.pdfbox.cos.COSName.getPDFName("DSS"));
      for (String key : List.of("Certs", "OCSPs", "CRLs")) {
        if (dss.getDictionaryObject(key) instanceof org.apache.pdfbox.cos.COSArray a) {
          org.apache.pdfbox.cos.COSArray copy = new org.apache.pdfbox.cos.COSArray();
          for (int i = 0; i < a.size(); i++) {
            copy.add(a.get(i));
          }
          copy.setDirect(false);
          copy.setNeedToBeUpdated(true);
          dss.setItem(key, copy);
        }
      }
      org.apache.pdfbox.cos.COSDictionary vri = dss.getCOSDictionary(
          org.apache.pdfbox.cos.COSName.getPDFName("VRI"));
      org.apache.pdfbox.cos.COSDictionary vriCopy = new org.apache.pdfbox.cos.COSDictionary(vri);
      vriCopy.setDirect(false);
      vriCopy.setNeedToBeUpdated(true);
      dss.setItem("VRI", vriCopy);
      org.apache.pdfbox.cos.COSDictionary dssCopy = new org.apache.pdfbox.cos.COSDictionary(dss);
      dssCopy.setDirect(false);
      dssCopy.setNeedToBeUpdated(true);
      catalog.setItem("DSS", dssCopy);
      catalog.setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }
  }

  static int dssCount(Path pdf, String key) throws Exception {
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
      org.apache.pdfbox.cos.COSDictionary dss = doc.getDocumentCatalog().getCOSObject()
          .getCOSDictionary(org.apache.pdfbox.cos.COSName.getPDFName("DSS"));
      return dss != null && dss.getDictionaryObject(key) instanceof org.apache.pdfbox.cos.COSArray a
          ? a.size() : 0;
    }
  }

  @Test
  void aDssOfIndirectObjectsIsExtendedAndStillVerifiesOffline() throws Exception {
    Path lta = dir.resolve("indirect-lta.pdf");
    Path lt = dir.resolve("indirect-lt.pdf");
    Path indirect = dir.resolve("indirect-lt2.pdf");
    Verifier offline;
    try (SampleServices own = new SampleServices(KeyKind.EC_P256)) {
      own.signer().sign(letter, lt, own.key("seal-" + DemoSet.PROVINCE),
          SignatureOptions.builder().level(PadesLevel.B_LT).build());
      makeDssIndirect(lt, indirect);
      assertThat(Verifier.builder(own.pki.trustAnchors()).clock(own.clock)
          .policy(ValidationPolicy.basic()).revocationMode(RevocationMode.OFFLINE).build()
          .verify(indirect).verdict().passed()).isTrue();
      own.extender().extend(indirect, lta, PadesLevel.B_LTA);
      own.extender().extend(lta, dir.resolve("indirect-lta2.pdf"), PadesLevel.B_LTA);
      offline = Verifier.builder(own.pki.trustAnchors()).clock(own.clock)
          .policy(ValidationPolicy.basic()).revocationMode(RevocationMode.OFFLINE).build();
    }
    System.out.println("OCSPs " + dssCount(indirect, "OCSPs") + " -> " + dssCount(lta, "OCSPs")
        + " -> " + dssCount(dir.resolve("indirect-lta2.pdf"), "OCSPs"));
    assertThat(dssCount(lta, "OCSPs")).isGreaterThan(dssCount(indirect, "OCSPs"));
    for (Path p : List.of(lta, dir.resolve("indirect-lta2.pdf"))) {
      ValidationReport report = offline.verify(p);
      assertThat(report.verdict().passed()).as(describe(report)).isTrue();
      assertThat(report.signatures().get(0).format()).as(describe(report))
          .isEqualTo("PAdES-BASELINE-LTA");
    }
  }

  @Test
  void theSignerAndTheSealRaisedToLtThenLtaTwiceVerifyOfflineAtEachStep() throws Exception {
    Path[] steps = new Path[4];
    Verifier offline;
    try (SampleServices own = new SampleServices(KeyKind.EC_P256)) {
      Path signed = dir.resolve("d30-signed.pdf");
      steps[0] = dir.resolve("d30-sealed.pdf");
      own.signer().sign(letter, signed, own.key(DemoSet.CHAIRMAN),
          SignatureOptions.builder().level(PadesLevel.B_T).build());
      own.signer().sign(signed, steps[0], own.key("seal-" + DemoSet.PROVINCE),
          SignatureOptions.builder().level(PadesLevel.B_B).build());
      steps[1] = dir.resolve("d30-lt.pdf");
      own.extender().extend(steps[0], steps[1], PadesLevel.B_LT);
      steps[2] = dir.resolve("d30-lta.pdf");
      own.extender().extend(steps[1], steps[2], PadesLevel.B_LTA);
      steps[3] = dir.resolve("d30-lta2.pdf");
      own.extender().extend(steps[2], steps[3], PadesLevel.B_LTA);
      offline = Verifier.builder(own.pki.trustAnchors()).clock(own.clock)
          .revocationMode(RevocationMode.OFFLINE).build();
    }
    for (int i = 1; i < 4; i++) {
      ValidationReport report = offline.verify(steps[i]);
      System.out.println(steps[i].getFileName() + " " + describe(report));
      assertThat(report.verdict().passed()).as(describe(report)).isTrue();
    }
  }

  @Test
  void contentChangedAfterTheArchiveTimestampFailsAndDssOnlyPasses() throws Exception {
    Path lta = dir.resolve("content-lta.pdf");
    services.signer().sign(letter, lta, services.key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(PadesLevel.B_LTA).build());
    Path changed = dir.resolve("content-lta-changed.pdf");
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(lta.toFile());
        java.io.OutputStream os = java.nio.file.Files.newOutputStream(changed)) {
      var page = doc.getPage(0);
      try (var cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page,
          org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode.APPEND, true)) {
        cs.setNonStrokingColor(0f, 0f, 0f);
        cs.addRect(70, 500, 300, 40);
        cs.fill();
      }
      doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
      page.getCOSObject().setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }
    ValidationReport report = online().verify(changed);
    System.out.println("changed " + describe(report));
    assertThat(report.verdict().passed()).isFalse();
    assertThat(report.signatures()).allMatch(s -> !s.verdict().passed());

    Path dssOnly = dir.resolve("content-lta-dss.pdf");
    DssForgery.appendDss(lta, dssOnly, List.of(services.pki.trustAnchors().get(0).getEncoded()),
        List.of(), List.of());
    ValidationReport ok = online().verify(dssOnly);
    System.out.println("dss only " + describe(ok));
    assertThat(ok.verdict().passed()).as(describe(ok)).isTrue();
  }

  @Test
  void theDssHoldsTheTsaCertificateAndItsRevocationStatus() throws Exception {
    Path lt = dir.resolve("tsa-lt.pdf");
    services.signer().sign(letter, lt, services.key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(PadesLevel.B_LT).build());
    X509Certificate tsa = services.pki.certificate(vn.lienthong.sample.pki.SamplePki.TSA);
    List<byte[]> certs = new ArrayList<>();
    List<BigInteger> ocspSerials = new ArrayList<>();
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(lt.toFile())) {
      org.apache.pdfbox.cos.COSDictionary dss = doc.getDocumentCatalog().getCOSObject()
          .getCOSDictionary(org.apache.pdfbox.cos.COSName.getPDFName("DSS"));
      for (var b : (org.apache.pdfbox.cos.COSArray) dss.getDictionaryObject("Certs")) {
        try (var in = ((org.apache.pdfbox.cos.COSStream) ((org.apache.pdfbox.cos.COSObject) b)
            .getObject()).createInputStream()) {
          certs.add(in.readAllBytes());
        }
      }
      for (var b : (org.apache.pdfbox.cos.COSArray) dss.getDictionaryObject("OCSPs")) {
        try (var in = ((org.apache.pdfbox.cos.COSStream) ((org.apache.pdfbox.cos.COSObject) b)
            .getObject()).createInputStream()) {
          var basic = (org.bouncycastle.cert.ocsp.BasicOCSPResp)
              new org.bouncycastle.cert.ocsp.OCSPResp(in.readAllBytes()).getResponseObject();
          for (var single : basic.getResponses()) {
            ocspSerials.add(single.getCertID().getSerialNumber());
          }
        }
      }
    }
    byte[] tsaDer = tsa.getEncoded();
    assertThat(certs).anyMatch(c -> java.util.Arrays.equals(c, tsaDer));
    boolean crlOnly = tsa.getExtensionValue("1.3.6.1.5.5.7.1.1") == null;
    System.out.println("TSA OCSP serials " + ocspSerials + " tsa " + tsa.getSerialNumber() + " crlOnly " + crlOnly);
    if (!crlOnly) {
      assertThat(ocspSerials).contains(tsa.getSerialNumber());
    }
  }

  @Test
  void aDssOfGarbageIsExtendedAndTheResultVerifies() throws Exception {
    Path bt = dir.resolve("garbage-bt.pdf");
    services.signer().sign(letter, bt, services.key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(PadesLevel.B_T).build());
    Path garbage = dir.resolve("garbage-dss.pdf");
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(bt.toFile());
        java.io.OutputStream os = java.nio.file.Files.newOutputStream(garbage)) {
      var catalog = doc.getDocumentCatalog().getCOSObject();
      var dss = new org.apache.pdfbox.cos.COSDictionary();
      dss.setItem("Certs", org.apache.pdfbox.cos.COSName.getPDFName("NotAnArray"));
      var ocsps = new org.apache.pdfbox.cos.COSArray();
      ocsps.add(org.apache.pdfbox.cos.COSInteger.get(7));
      ocsps.add(new org.apache.pdfbox.cos.COSString("junk"));
      ocsps.add(org.apache.pdfbox.cos.COSNull.NULL);
      ocsps.add(new org.apache.pdfbox.cos.COSDictionary());
      var junkStream = doc.getDocument().createCOSStream();
      try (var out = junkStream.createOutputStream()) {
        out.write("not DER".getBytes());
      }
      ocsps.add(junkStream);
      dss.setItem("OCSPs", ocsps);
      dss.setItem("CRLs", org.apache.pdfbox.cos.COSInteger.get(3));
      dss.setItem("VRI", new org.apache.pdfbox.cos.COSArray());
      dss.setItem("Junk", new org.apache.pdfbox.cos.COSString("x"));
      catalog.setItem("DSS", dss);
      catalog.setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }
    Path lta = dir.resolve("garbage-lta.pdf");
    services.extender().extend(garbage, lta, PadesLevel.B_LTA);
    ValidationReport report = offline().verify(lta);
    assertThat(report.verdict().passed()).as(describe(report)).isTrue();
    assertThat(report.signatures().get(0).format()).isEqualTo("PAdES-BASELINE-LTA");
  }
}
