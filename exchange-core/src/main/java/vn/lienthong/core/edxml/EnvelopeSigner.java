package vn.lienthong.core.edxml;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Objects;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Signs envelopes as a sending unit's system: an enveloped XML-DSig ({@code Reference URI=""},
 * enveloped-signature then exclusive C14N), SHA-256 digest, RSA-SHA256 or ECDSA-SHA256 by the
 * key's type, the certificate in {@code KeyInfo/X509Data}, placed as the last child of
 * {@code edXMLHeader}. SHA-1 is never produced.
 *
 * <p>What is signed is the document made of the root {@code edXML} element holding only the
 * {@code edXMLEnvelope}; {@code AttachmentEncoded} is outside it, and each attachment is bound to
 * the signature by its SHA-256 in the signed manifest instead (see {@link EdxmlWriter}), so signing
 * never needs an attachment in memory.
 *
 * <p>Use it through {@link EdxmlWriter#signing(EnvelopeSigner)}. Instances are immutable.
 */
public final class EnvelopeSigner {

  private final PrivateKey key;
  private final X509Certificate certificate;
  private final String algorithm;

  private EnvelopeSigner(PrivateKey key, X509Certificate certificate, String algorithm) {
    this.key = key;
    this.certificate = certificate;
    this.algorithm = algorithm;
  }

  /**
   * A signer for a unit's key and certificate.
   *
   * @throws IllegalArgumentException when the key is neither RSA of at least 2048 bits nor EC of at
   *     least 256 bits (Circular 15/2025), or does not match the certificate's key type
   */
  public static EnvelopeSigner of(PrivateKey key, X509Certificate certificate) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(certificate, "certificate");
    if (!key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())) {
      throw new IllegalArgumentException("key is " + key.getAlgorithm() + " but the certificate's key is "
          + certificate.getPublicKey().getAlgorithm());
    }
    String algorithm;
    if (key instanceof RSAKey rsa) {
      requireBits(rsa.getModulus().bitLength(), 2048, "RSA");
      algorithm = XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256;
    } else if (key instanceof ECKey ec) {
      requireBits(ec.getParams().getOrder().bitLength(), 256, "EC");
      algorithm = XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256;
    } else {
      throw new IllegalArgumentException("key must be RSA or EC, is " + key.getAlgorithm());
    }
    return new EnvelopeSigner(key, certificate, algorithm);
  }

  private static void requireBits(int bits, int min, String type) {
    if (bits < min) {
      throw new IllegalArgumentException(type + " key of " + bits + " bits; at least " + min + " required");
    }
  }

  /** Drops the CR-LF line breaks Santuario puts into base64 values outside SignedInfo. */
  private static void compactBase64(Element signature) {
    for (String local : new String[] {"SignatureValue", "X509Certificate"}) {
      var nodes = signature.getElementsByTagNameNS(Nodes.DSIG_NS, local);
      for (int i = 0; i < nodes.getLength(); i++) {
        nodes.item(i).setTextContent(nodes.item(i).getTextContent().replaceAll("\\s", ""));
      }
    }
  }

  /** The signature algorithm URI this signer produces. */
  public String algorithm() {
    return algorithm;
  }

  /** Signs the signed part in place: root {@code edXML} holding only the envelope. */
  void sign(Document signedPart) {
    Dsig.init();
    Element root = signedPart.getDocumentElement();
    SignedPart.stripRootText(root);
    Element header = Nodes.required(Envelope.envelopeElement(signedPart), "edXMLHeader", "edXMLEnvelope");
    try {
      XMLSignature sig = new XMLSignature(signedPart, "", algorithm, Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
      header.appendChild(sig.getElement());
      Transforms transforms = new Transforms(signedPart);
      transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
      transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
      sig.addDocument("", transforms, Dsig.DIGEST_SHA256);
      sig.addKeyInfo(certificate);
      sig.sign(key);
      compactBase64(sig.getElement());
    } catch (XMLSecurityException e) {
      throw new IllegalStateException("Signing failed: " + e.getMessage(), e);
    }
  }
}
