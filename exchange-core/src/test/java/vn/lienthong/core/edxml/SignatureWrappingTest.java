package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.core.edxml.SignedEnvelopes.read;

import java.nio.file.Path;
import java.util.List;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.transforms.params.XPathContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.core.edxml.VerificationResult.Failure;
import vn.lienthong.core.edxml.VerificationResult.Invalid;

/**
 * Signature wrapping (XSW) forms: each must fail, so that what the application reads is always what
 * was signed.
 */
class SignatureWrappingTest {

  @TempDir Path dir;
  private StatusMessage status;
  private final EnvelopeVerifier verifier = EnvelopeVerifier.create();

  @BeforeEach
  void load() throws Exception {
    status = SignedEnvelopes.status(dir.resolve("in"));
  }

  private Document unsignedDom() {
    return SignedEnvelopes.dom(SignedEnvelopes.write(EdxmlWriter.unsigned(), status));
  }

  private Document signedDom() {
    return SignedEnvelopes.dom(SignedEnvelopes.write(EdxmlWriter.signing(TestKeys.RSA.envelopeSigner()), status));
  }

  private Failure failureOf(Document doc) throws Exception {
    VerificationResult r = verifier.verify(read(dir, SignedEnvelopes.serialize(doc)));
    assertThat(r).isInstanceOf(Invalid.class);
    return ((Invalid) r).failure();
  }

  private static Element first(Document doc, String localName) {
    return (Element) doc.getElementsByTagNameNS("*", localName).item(0);
  }

  @Test
  void anExtraReferenceIsWrapping() throws Exception {
    Document doc = unsignedDom();
    SignedEnvelopes.sign(doc, SignedEnvelopes.Spec.rsaSha256(), List.of("", ""));
    assertThat(failureOf(doc)).isEqualTo(Failure.WRAPPING);
  }

  @Test
  void anIdBasedReferenceToOneElementIsWrapping() throws Exception {
    Document doc = unsignedDom();
    Element description = first(doc, "Description");
    description.setAttributeNS(null, "Id", "d");
    description.setIdAttributeNS(null, "Id", true);
    SignedEnvelopes.sign(doc, SignedEnvelopes.Spec.rsaSha256(), List.of("#d"));
    // the classic attack: the signature covers one element, the application reads another
    first(doc, "StatusCode").setTextContent("02");
    assertThat(failureOf(doc)).isEqualTo(Failure.WRAPPING);
  }

  @Test
  void aSignatureMovedOutOfItsPlaceIsWrapping() throws Exception {
    Document doc = signedDom();
    Element signature = first(doc, "Signature");
    first(doc, "MessageHeader").appendChild(signature);
    assertThat(failureOf(doc)).isEqualTo(Failure.WRAPPING);
  }

  @Test
  void theOriginalHeaderWrappedInAnObjectBesideAForgedOneIsWrapping() throws Exception {
    Document doc = signedDom();
    Element signature = first(doc, "Signature");
    Element object = doc.createElementNS(Nodes.DSIG_NS, "ds:Object");
    object.appendChild(first(doc, "MessageHeader").cloneNode(true));
    signature.appendChild(object);
    first(doc, "StatusCode").setTextContent("02");
    assertThat(failureOf(doc)).isEqualTo(Failure.WRAPPING);
  }

  @Test
  void aSecondSignatureIsWrapping() throws Exception {
    Document doc = signedDom();
    Element signature = first(doc, "Signature");
    signature.getParentNode().appendChild(signature.cloneNode(true));
    assertThat(failureOf(doc)).isEqualTo(Failure.WRAPPING);
  }

  @Test
  void aDuplicatedHeaderIsRefusedBeforeAnySignatureCheck() {
    Document doc = signedDom();
    Element header = first(doc, "MessageHeader");
    Element forged = (Element) header.cloneNode(true);
    forged.getElementsByTagNameNS("*", "StatusCode").item(0).setTextContent("02");
    header.getParentNode().insertBefore(forged, header);
    EdxmlException e = org.assertj.core.api.Assertions.catchThrowableOfType(EdxmlException.class,
        () -> read(dir, SignedEnvelopes.serialize(doc)));
    assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_ELEMENT);
  }

  @Test
  void aForgedEnvelopeHiddenAmongTheAttachmentsIsNeverRead() throws Exception {
    Document doc = signedDom();
    Element forged = (Element) first(doc, "edXMLEnvelope").cloneNode(true);
    forged.getElementsByTagNameNS("*", "StatusCode").item(0).setTextContent("02");
    Element attachments = doc.createElementNS(Nodes.NS, "AttachmentEncoded");
    attachments.appendChild(forged);
    doc.getDocumentElement().appendChild(attachments);
    Envelope e = read(dir, SignedEnvelopes.serialize(doc));
    assertThat(verifier.verify(e)).isInstanceOf(VerificationResult.Valid.class);
    assertThat(((StatusMessage) e.message()).statusCode()).isEqualTo(StatusCode.ARRIVED);
  }

  @Test
  void aChangedHeaderUnderAValidLookingSignatureFailsTheDigest() throws Exception {
    Document doc = signedDom();
    first(doc, "StatusCode").setTextContent("02");
    assertThat(failureOf(doc)).isEqualTo(Failure.DIGEST_MISMATCH);
  }

  @Test
  void anXpathTransformIsWrapping() throws Exception {
    Document doc = unsignedDom();
    org.apache.xml.security.Init.init();
    XMLSignature sig = new XMLSignature(doc, "", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
        org.apache.xml.security.c14n.Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
    SignedEnvelopes.header(doc).appendChild(sig.getElement());
    Transforms transforms = new Transforms(doc);
    transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
    XPathContainer xpath = new XPathContainer(doc);
    xpath.setXPath("not(ancestor-or-self::*[local-name()='StatusCode'])");
    transforms.addTransform(Transforms.TRANSFORM_XPATH, xpath.getElementPlusReturns());
    sig.addDocument("", transforms, Dsig.DIGEST_SHA256);
    sig.addKeyInfo(TestKeys.RSA.certificate());
    sig.sign(TestKeys.RSA.key());
    first(doc, "StatusCode").setTextContent("02");
    assertThat(failureOf(doc)).isEqualTo(Failure.WRAPPING);
  }

  @Test
  void aKeyInfoPointingElsewhereIsRefused() throws Exception {
    Document doc = signedDom();
    Element keyInfo = first(doc, "KeyInfo");
    Element retrieval = doc.createElementNS(Nodes.DSIG_NS, "ds:RetrievalMethod");
    retrieval.setAttribute("URI", "http://127.0.0.1:9/cert");
    keyInfo.insertBefore(retrieval, keyInfo.getFirstChild());
    assertThat(failureOf(doc)).isEqualTo(Failure.MALFORMED);
  }

  @Test
  void anHmacSignatureIsUnsupported() throws Exception {
    Document doc = signedDom();
    first(doc, "SignatureMethod").setAttribute("Algorithm", XMLSignature.ALGO_ID_MAC_HMAC_SHA256);
    assertThat(failureOf(doc)).isEqualTo(Failure.UNSUPPORTED_ALGORITHM);
  }
}
