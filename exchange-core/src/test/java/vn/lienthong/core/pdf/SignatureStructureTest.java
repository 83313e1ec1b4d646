package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;

/** What a B-LTA file holds, read back as ETSI EN 319 142-1 describes it. */
class SignatureStructureTest {

  @TempDir static Path dir;
  static SampleServices services;
  static Path signed;
  static byte[] certificate;

  @BeforeAll
  static void sign() throws Exception {
    services = new SampleServices(KeyKind.EC_P256);
    signed = dir.resolve("lta.pdf");
    services.signer().sign(TestPdfs.letter(dir.resolve("in.pdf"), 1), signed,
        services.key(DemoSet.CHAIRMAN), SignatureOptions.builder().level(PadesLevel.B_LTA)
            .reason("Phê duyệt").location("Hạ Long").build());
    certificate = services.pki.certificate(DemoSet.CHAIRMAN).getEncoded();
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  @Test
  void approvalSignatureIsCadesDetachedWithSigningCertificateV2AndNoSigningTime()
      throws Exception {
    try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
      PDSignature signature = doc.getSignatureDictionaries().get(0);
      assertThat(signature.getSubFilter()).isEqualTo("ETSI.CAdES.detached");
      assertThat(signature.getSignDate()).isNotNull();
      assertThat(signature.getReason()).isEqualTo("Phê duyệt");
      SignerInformation signer = signer(signature.getContents());
      AttributeTable signedAttributes = signer.getSignedAttributes();
      assertThat(signedAttributes.get(CMSAttributes.signingTime)).isNull();
      SigningCertificateV2 scv2 = SigningCertificateV2.getInstance(signedAttributes
          .get(PKCSObjectIdentifiers.id_aa_signingCertificateV2).getAttrValues().getObjectAt(0));
      assertThat(scv2.getCerts()[0].getCertHash())
          .isEqualTo(MessageDigest.getInstance("SHA-256").digest(certificate));
    }
  }

  @Test
  void signatureTimeStampIsOverTheSignatureValue() throws Exception {
    try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
      SignerInformation signer = signer(doc.getSignatureDictionaries().get(0).getContents());
      TimeStampToken token = new TimeStampToken(new CMSSignedData(signer.getUnsignedAttributes()
          .get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken).getAttrValues()
          .getObjectAt(0).toASN1Primitive().getEncoded()));
      assertThat(token.getTimeStampInfo().getMessageImprintDigest())
          .isEqualTo(MessageDigest.getInstance("SHA-256").digest(signer.getSignature()));
    }
  }

  @Test
  void dssHoldsChainsAndOcspResponsesWithAVriEntryPerSignature() throws Exception {
    try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
      COSDictionary dss = doc.getDocumentCatalog().getCOSObject()
          .getCOSDictionary(COSName.getPDFName("DSS"));
      COSArray certs = (COSArray) dss.getDictionaryObject(COSName.getPDFName("Certs"));
      COSArray ocsps = (COSArray) dss.getDictionaryObject(COSName.getPDFName("OCSPs"));
      // chairman, gov-ca, gov-root, tsa, ocsp-gov-ca
      assertThat(certs.size()).isEqualTo(5);
      // chairman and tsa (by gov-ca's responder), gov-ca (by gov-root itself)
      assertThat(ocsps.size()).isEqualTo(3);
      COSDictionary vri = dss.getCOSDictionary(COSName.getPDFName("VRI"));
      String key = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1")
          .digest(doc.getSignatureDictionaries().get(0).getContents()));
      assertThat(vri.keySet()).extracting(COSName::getName).containsExactly(key);
    }
  }

  @Test
  void documentTimeStampComesLastAndCoversTheWholeFile() throws Exception {
    try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
      List<PDSignature> signatures = doc.getSignatureDictionaries();
      PDSignature last = signatures.get(signatures.size() - 1);
      assertThat(signatures).hasSize(2);
      assertThat(last.getSubFilter()).isEqualTo("ETSI.RFC3161");
      assertThat(last.getCOSObject().getNameAsString(COSName.TYPE)).isEqualTo("DocTimeStamp");
      int[] range = last.getByteRange();
      assertThat((long) range[2] + range[3]).isEqualTo(Files.size(signed));
      TimeStampToken token = new TimeStampToken(DssWriter.readCms(last.getContents()));
      byte[] bytes = Files.readAllBytes(signed);
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(bytes, range[0], range[1]);
      sha256.update(bytes, range[2], range[3]);
      assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(sha256.digest());
    }
  }

  private static SignerInformation signer(byte[] contents) throws Exception {
    return DssWriter.readCms(contents).getSignerInfos().getSigners().iterator().next();
  }
}
