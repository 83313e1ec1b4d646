package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.core.edxml.SignedEnvelopes.bytes;
import static vn.lienthong.core.edxml.SignedEnvelopes.read;
import static vn.lienthong.core.edxml.SignedEnvelopes.text;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.utils.ElementProxy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.core.edxml.VerificationResult.Failure;
import vn.lienthong.core.edxml.VerificationResult.Invalid;

class EnvelopeSignatureTest {

  @TempDir Path dir;
  private StatusMessage status;
  private final EnvelopeVerifier verifier = EnvelopeVerifier.create();

  @BeforeEach
  void load() throws Exception {
    status = SignedEnvelopes.status(dir.resolve("in"));
  }

  private byte[] signedStatus(TestKeys.Signer signer) {
    return SignedEnvelopes.write(EdxmlWriter.signing(signer.envelopeSigner()), status);
  }

  private VerificationResult verify(byte[] xml) {
    return verifier.verify(read(dir, xml));
  }

  private static Failure failure(VerificationResult r) {
    assertThat(r).isInstanceOf(Invalid.class);
    return ((Invalid) r).failure();
  }

  @Test
  void rsaSignedEnvelopeVerifies() {
    VerificationResult r = verify(signedStatus(TestKeys.RSA));
    assertThat(r).isEqualTo(new VerificationResult.Valid(TestKeys.RSA.certificate(), XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256));
  }

  @Test
  void ecSignedEnvelopeVerifies() {
    VerificationResult r = verify(signedStatus(TestKeys.EC));
    assertThat(r).isEqualTo(new VerificationResult.Valid(TestKeys.EC.certificate(), XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256));
  }

  @Test
  void signedDocumentWithAttachmentVerifiesAndBindsTheAttachmentByDigest() throws Exception {
    Envelope doc = EdxmlReader.builder().attachmentDirectory(dir.resolve("doc")).build().read(Samples.open("edoc_update.edxml"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EdxmlWriter.signing(TestKeys.EC.envelopeSigner()).write(doc.message(), doc.attachments(), out);
    String signed = text(out.toByteArray());
    assertThat(verify(bytes(signed))).isInstanceOf(VerificationResult.Valid.class);

    int b64 = signed.indexOf("<edXML:ContentTransferEncoded");
    int at = signed.indexOf('\n', b64) + 10;
    char c = signed.charAt(at);
    String tampered = signed.substring(0, at) + (c == 'A' ? 'B' : 'A') + signed.substring(at + 1);
    EdxmlException e = org.assertj.core.api.Assertions.catchThrowableOfType(EdxmlException.class,
        () -> read(dir, bytes(tampered)));
    assertThat(e.code()).isEqualTo(ErrorCode.ATTACHMENT_DIGEST_MISMATCH);
  }

  @Test
  void oneChangedByteAnywhereInTheSignedPartFails() {
    String signed = text(signedStatus(TestKeys.EC));
    int from = signed.indexOf("<edXML ");
    int to = signed.indexOf("</edXML:edXMLEnvelope>") + "</edXML:edXMLEnvelope>".length();
    // KeyInfo is not signed (it only names the key); a changed certificate is caught by
    // verifyWith against the expected one, see signatureByAnotherThanTheExpectedCertificateFails
    int keyInfoFrom = signed.indexOf("<ds:KeyInfo>");
    int keyInfoTo = signed.indexOf("</ds:KeyInfo>") + "</ds:KeyInfo>".length();
    int checked = 0;
    int refused = 0;
    for (int i = from; i < to; i += 3) {
      if (i >= keyInfoFrom && i < keyInfoTo) {
        continue;
      }
      char c = signed.charAt(i);
      String changed = signed.substring(0, i) + (c == 'A' ? 'B' : 'A') + signed.substring(i + 1);
      VerificationResult r;
      try {
        r = verify(bytes(changed));
      } catch (EdxmlException e) {
        refused++; // refused by the reader (malformed, bad value): not valid either
        continue;
      }
      assertThat(r).as("byte %d ('%s') changed", i, c).isInstanceOf(Invalid.class);
      checked++;
    }
    // many changes break the XML or a value and never reach the verifier; enough do reach it
    assertThat(checked).isGreaterThan((to - from) / 10);
    assertThat(checked + refused).isGreaterThan((to - from - (keyInfoTo - keyInfoFrom)) / 3 - 1);
  }

  @Test
  void changedCertificateIsCaughtAgainstTheExpectedOne() {
    String signed = text(signedStatus(TestKeys.EC));
    int at = signed.indexOf("<ds:X509Certificate>") + "<ds:X509Certificate>".length() + 200;
    char c = signed.charAt(at);
    String changed = signed.substring(0, at) + (c == 'A' ? 'B' : 'A') + signed.substring(at + 1);
    VerificationResult r = verifier.verifyWith(read(dir, bytes(changed)), TestKeys.EC.certificate());
    assertThat(r).isInstanceOf(Invalid.class);
  }

  @Test
  void unsignedEnvelopeIsReportedUnsigned() {
    assertThat(failure(verify(SignedEnvelopes.write(EdxmlWriter.unsigned(), status)))).isEqualTo(Failure.UNSIGNED);
  }

  @Test
  void signatureWithoutTheDsigNamespaceIsReadAsIfItHadIt() throws Exception {
    // a producer that signs with unprefixed XML-DSig elements, then drops the xmlns declaration
    Document doc = SignedEnvelopes.dom(SignedEnvelopes.write(EdxmlWriter.unsigned(), status));
    ElementProxy.setDefaultPrefix(Nodes.DSIG_NS, "");
    try {
      SignedEnvelopes.sign(doc, SignedEnvelopes.Spec.rsaSha256());
    } finally {
      ElementProxy.setDefaultPrefix(Nodes.DSIG_NS, "ds");
    }
    String signed = text(SignedEnvelopes.serialize(doc));
    assertThat(signed).contains("<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">");
    assertThat(verify(bytes(signed))).isInstanceOf(VerificationResult.Valid.class);

    String undeclared = signed.replace("<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">", "<Signature>");
    Envelope e = read(dir, bytes(undeclared));
    assertThat(e.hasSignature()).isTrue();
    assertThat(verifier.verify(e)).isInstanceOf(VerificationResult.Valid.class);
  }

  @Test
  void theSamplesPlaceholderSignaturesAreReportedNotTrusted() throws Exception {
    // every sample carries the same DigestValue, a truncated certificate and the transform URI
    // http://www.w3.org/TR/xml-exc-c14n# which is no W3C identifier: placeholders, not signatures
    Envelope e = EdxmlReader.builder().attachmentDirectory(dir.resolve("s")).build().read(Samples.open("edoc_revocation.edxml"));
    assertThat(e.hasSignature()).isTrue();
    assertThat(failure(verifier.verify(e))).isEqualTo(Failure.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void wrongKeyFails() throws Exception {
    Document doc = SignedEnvelopes.dom(SignedEnvelopes.write(EdxmlWriter.unsigned(), status));
    var spec = SignedEnvelopes.Spec.rsaSha256();
    SignedEnvelopes.sign(doc, new SignedEnvelopes.Spec(spec.signatureAlgorithm(), spec.digestAlgorithm(),
        TestKeys.RSA_OTHER.key(), TestKeys.RSA.certificate(), s -> { }));
    assertThat(failure(verify(SignedEnvelopes.serialize(doc)))).isEqualTo(Failure.SIGNATURE_MISMATCH);
  }

  @Test
  void signatureByAnotherThanTheExpectedCertificateFails() {
    Envelope e = read(dir, signedStatus(TestKeys.RSA));
    assertThat(failure(verifier.verifyWith(e, TestKeys.RSA_OTHER.certificate()))).isEqualTo(Failure.KEY_MISMATCH);
    assertThat(verifier.verifyWith(e, TestKeys.RSA.certificate())).isInstanceOf(VerificationResult.Valid.class);
  }

  @Test
  void sha1SignatureIsReportedAsLegacy() throws Exception {
    Document doc = SignedEnvelopes.dom(SignedEnvelopes.write(EdxmlWriter.unsigned(), status));
    SignedEnvelopes.sign(doc, new SignedEnvelopes.Spec(XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1,
        MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA1, TestKeys.RSA.key(), TestKeys.RSA.certificate(), s -> { }));
    VerificationResult r = verify(SignedEnvelopes.serialize(doc));
    assertThat(r).isEqualTo(new VerificationResult.Legacy(TestKeys.RSA.certificate(), XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1));
  }

  @Test
  void anOldProducersUnprefixedInclusiveC14nSha1SignatureIsLegacy() throws Exception {
    // the samples' form: unprefixed Signature with no xmlns, inclusive C14N of SignedInfo, RSA-SHA1
    Document doc = SignedEnvelopes.dom(SignedEnvelopes.write(EdxmlWriter.unsigned(), status));
    ElementProxy.setDefaultPrefix(Nodes.DSIG_NS, "");
    try {
      SignedEnvelopes.sign(doc, new SignedEnvelopes.Spec(XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1,
          MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA1, TestKeys.RSA.key(), TestKeys.RSA.certificate(), s -> { }),
          List.of(""), org.apache.xml.security.c14n.Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS);
    } finally {
      ElementProxy.setDefaultPrefix(Nodes.DSIG_NS, "ds");
    }
    String signed = text(SignedEnvelopes.serialize(doc))
        .replace("<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">", "<Signature>");
    assertThat(signed).contains("<Signature>").contains("REC-xml-c14n-20010315");
    assertThat(verify(bytes(signed)))
        .isEqualTo(new VerificationResult.Legacy(TestKeys.RSA.certificate(), XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1));
  }

  @Test
  void weakKeysAreNeitherUsedNorAccepted() throws Exception {
    TestKeys.Signer weak = TestKeys.create("RSA", 1024, "SHA256withRSA", "CN=Weak");
    assertThatThrownBy(weak::envelopeSigner).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2048");
    Document doc = SignedEnvelopes.dom(SignedEnvelopes.write(EdxmlWriter.unsigned(), status));
    SignedEnvelopes.sign(doc, new SignedEnvelopes.Spec(XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, Dsig.DIGEST_SHA256,
        weak.key(), weak.certificate(), s -> { }));
    assertThat(failure(verify(SignedEnvelopes.serialize(doc)))).isEqualTo(Failure.WEAK_KEY);
  }

  @Test
  void writtenSignatureIsInTheDsigNamespaceWithSha256AndExclusiveC14n() {
    String signed = text(signedStatus(TestKeys.RSA));
    assertThat(signed).contains("<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">")
        .contains("Reference URI=\"\"").contains("xml-exc-c14n#").contains("xmlenc#sha256")
        .contains("enveloped-signature").contains("<ds:X509Certificate>").doesNotContain("sha1");
  }

  @Test
  void signatureIsPlacedAtTheEndOfTheHeader() {
    Envelope e = read(dir, signedStatus(TestKeys.RSA));
    assertThat(e.hasSignature()).isTrue();
    Document doc = e.signedPartCopy();
    Element header = SignedEnvelopes.header(doc);
    assertThat(header.getLastChild().getLocalName()).isEqualTo("Signature");
    assertThat(EnvelopeVerifier.elementsNamed(doc, "edXMLEnvelope")).hasSize(1);
    assertThat(doc.getDocumentElement().getElementsByTagNameNS("*", "AttachmentEncoded").getLength()).isZero();
  }

  @Test
  void largeAttachmentDoesNotEnterTheSignedPart() throws Exception {
    Path file = Files.write(dir.resolve("a.pdf"), new byte[200_000]);
    DocumentMessage doc = (DocumentMessage) EdxmlReader.builder().attachmentDirectory(dir.resolve("d")).build()
        .read(Samples.open("edoc_new.edxml")).message();
    Attachment a = Attachment.of("cid:209", "1896_QD-TTg_m_294779.doc", "", "application/pdf", file);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EdxmlWriter.signing(TestKeys.RSA.envelopeSigner()).write(doc, List.of(a), out);
    Envelope e = read(dir, out.toByteArray());
    assertThat(verifier.verify(e)).isInstanceOf(VerificationResult.Valid.class);
    String signedPart = text(SignedEnvelopes.serialize(e.signedPartCopy()));
    assertThat(signedPart).doesNotContain("AttachmentEncoded").contains(a.sha256());
    assertThat(signedPart.length()).isLessThan(20_000);
  }
}
