package vn.lienthong.core.edxml;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import vn.lienthong.core.edxml.VerificationResult.Failure;
import vn.lienthong.core.edxml.VerificationResult.Invalid;
import vn.lienthong.core.pki.CryptoProviders;
import vn.lienthong.core.pki.VerificationKeys;

/**
 * Checks an envelope's XML-DSig on the very DOM its message was read from (see {@link Envelope}), with
 * Santuario's secure validation and a strict profile that refuses every signature wrapping form:
 * exactly one Signature, the last child of {@code edXMLHeader}; exactly one Reference, with
 * {@code URI=""} (the whole signed part); only the enveloped-signature transform followed by at
 * most one canonicalization; no {@code Object}. A {@code Signature} written without the XML-DSig
 * namespace (as some producers do) is read as if it had it.
 *
 * <p>The attachments are outside the signed part; each is bound by the SHA-256 in the signed
 * manifest, which {@link EdxmlReader} already checked. Instances are thread-safe; each remembers
 * the keys it verified with as BouncyCastle's ({@link VerificationKeys}), so that a unit that
 * signs again is verified with tables already built: keep one instance for many envelopes.
 */
public final class EnvelopeVerifier {

  private final VerificationKeys keys = new VerificationKeys(VerificationKeys.DEFAULT_CAPACITY);

  private EnvelopeVerifier() {}

  /** A verifier. */
  public static EnvelopeVerifier create() {
    return new EnvelopeVerifier();
  }

  /** Verifies with the certificate the envelope carries in KeyInfo. */
  public VerificationResult verify(Envelope envelope) {
    Objects.requireNonNull(envelope, "envelope");
    return verify(envelope, null);
  }

  /**
   * Verifies, and requires the signature to be made with {@code expected}'s key (for example the
   * certificate the registry holds for the sending unit).
   */
  public VerificationResult verifyWith(Envelope envelope, X509Certificate expected) {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(expected, "expected");
    return verify(envelope, expected);
  }

  /**
   * Checks the signed part as read; when only the digest fails and the root holds white space
   * between its children, checks it again without that white space, which is the form this
   * project's signer signs (so that the attachments cut out of a file leave no trace). White space
   * directly under the root carries no meaning: the reader refuses any other text there.
   *
   * <p>With white space under the root the stripped form is checked first: it is what this
   * project's envelopes verify as, so the common case costs one signature check instead of a
   * failed one (and Santuario's warning) plus a second. The outcome is the same as checking the
   * form as read first: everything but the reference digest (profile, key, signature value) is
   * the same in both forms, so the stripped form can only differ by a digest mismatch, in which
   * case the form as read decides.
   */
  private VerificationResult verify(Envelope envelope, X509Certificate expected) {
    Document doc = envelope.signedPartCopy();
    if (!hasRootText(doc)) {
      return verifyPart(doc, expected);
    }
    SignedPart.stripRootText(doc.getDocumentElement());
    VerificationResult stripped = verifyPart(doc, expected);
    if (stripped instanceof Invalid invalid && invalid.failure() == Failure.DIGEST_MISMATCH) {
      return verifyPart(envelope.signedPartCopy(), expected);
    }
    return stripped;
  }

  private static boolean hasRootText(Document doc) {
    for (Node n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() != Node.ELEMENT_NODE) {
        return true;
      }
    }
    return false;
  }

  private VerificationResult verifyPart(Document doc, X509Certificate expected) {
    List<Element> signatures = elementsNamed(doc, "Signature");
    if (signatures.isEmpty()) {
      return new Invalid(Failure.UNSIGNED, "The envelope has no signature");
    }
    if (signatures.size() > 1) {
      return new Invalid(Failure.WRAPPING, signatures.size() + " Signature elements; exactly one is allowed");
    }
    Element signature = signatures.get(0);
    if (!isAtEndOfHeader(doc, signature)) {
      return new Invalid(Failure.WRAPPING, "The Signature is not the last element of edXMLHeader");
    }
    if (!Nodes.DSIG_NS.equals(signature.getNamespaceURI())) {
      signature = (Element) moveIntoDsigNamespace(doc, signature, signature.getNamespaceURI());
      // the declaration the producer's serializer lost, so canonicalization renders it as signed
      signature.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", Nodes.DSIG_NS);
    }
    Invalid profile = SignatureProfile.check(signature);
    if (profile != null) {
      return profile;
    }
    return checkCrypto(signature, expected);
  }

  private VerificationResult checkCrypto(Element signatureElement, X509Certificate expected) {
    Dsig.init();
    try {
      // BouncyCastle verifies ECDSA several times faster than SunEC (CryptoProviders)
      XMLSignature sig = new XMLSignature(signatureElement, "", true, CryptoProviders.bouncyCastle());
      X509Certificate cert = sig.getKeyInfo() == null ? null : sig.getKeyInfo().getX509Certificate();
      if (cert == null) {
        return new Invalid(Failure.NO_CERTIFICATE, "No X509Certificate in KeyInfo");
      }
      if (expected != null && !expected.equals(cert)) {
        return new Invalid(Failure.KEY_MISMATCH, "Signed with " + cert.getSubjectX500Principal()
            + ", expected " + expected.getSubjectX500Principal());
      }
      String weak = weakness(cert.getPublicKey());
      if (weak != null) {
        return new Invalid(Failure.WEAK_KEY, weak);
      }
      String algorithm = sig.getSignedInfo().getSignatureMethodURI();
      if (!sig.checkSignatureValue(keys.of(cert))) {
        boolean referencesIntact = sig.getSignedInfo().verifyReferences(false);
        return referencesIntact
            ? new Invalid(Failure.SIGNATURE_MISMATCH, "The signature value does not verify with the certificate's key")
            : new Invalid(Failure.DIGEST_MISMATCH, "The signed content was changed");
      }
      String digest = sig.getSignedInfo().item(0).getMessageDigestAlgorithm().getAlgorithmURI();
      if (Dsig.SIGNATURE_LEGACY.contains(algorithm) || Dsig.DIGEST_LEGACY.contains(digest)) {
        return new VerificationResult.Legacy(cert, algorithm);
      }
      return new VerificationResult.Valid(cert, algorithm);
    } catch (XMLSecurityException | RuntimeException e) {
      return new Invalid(Failure.MALFORMED, "The signature cannot be checked: " + e.getMessage());
    }
  }

  private static String weakness(PublicKey key) {
    if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < 2048) {
      return "RSA key of " + rsa.getModulus().bitLength() + " bits";
    }
    if (key instanceof ECKey ec && ec.getParams().getOrder().bitLength() < 256) {
      return "EC key of " + ec.getParams().getOrder().bitLength() + " bits";
    }
    return null;
  }

  /** Every element with that local name, in any namespace, anywhere in the signed part. */
  static List<Element> elementsNamed(Document doc, String localName) {
    NodeList all = doc.getElementsByTagNameNS("*", localName);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < all.getLength(); i++) {
      out.add((Element) all.item(i));
    }
    return out;
  }

  private static boolean isAtEndOfHeader(Document doc, Element signature) {
    Node header = signature.getParentNode();
    if (!Nodes.isEdxml(header, "edXMLHeader")) {
      return false;
    }
    Node envelope = header.getParentNode();
    if (!Nodes.isEdxml(envelope, "edXMLEnvelope") || envelope.getParentNode() != doc.getDocumentElement()) {
      return false;
    }
    for (Node n = signature.getNextSibling(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.ELEMENT_NODE) {
        return false;
      }
    }
    return true;
  }

  /** Renames a Signature written in {@code fromNs} (edXML's or none) into the XML-DSig namespace. */
  private static Node moveIntoDsigNamespace(Document doc, Node node, String fromNs) {
    if (node.getNodeType() != Node.ELEMENT_NODE || !Objects.equals(node.getNamespaceURI(), fromNs)) {
      return node;
    }
    Node renamed = doc.renameNode(node, Nodes.DSIG_NS, node.getLocalName());
    for (Node c = renamed.getFirstChild(); c != null; c = c.getNextSibling()) {
      c = moveIntoDsigNamespace(doc, c, fromNs);
    }
    return renamed;
  }
}
