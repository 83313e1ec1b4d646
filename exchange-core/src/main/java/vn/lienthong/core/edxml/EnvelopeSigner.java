package vn.lienthong.core.edxml;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
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
import vn.lienthong.core.pki.CryptoProviders;
import vn.lienthong.core.pki.SigningKey;

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
 * <p>A key on a PKCS#11 token ({@link SigningKey#fromPkcs11}) signs through the token's provider:
 * the key never leaves the token.
 *
 * <p>Use it through {@link EdxmlWriter#signing(EnvelopeSigner)}. Instances are immutable.
 */
public final class EnvelopeSigner {

  private final PrivateKey key;
  private final X509Certificate certificate;
  private final String algorithm;
  /** The provider that signs: the token's, or BouncyCastle's for a key in memory; null: the JDK's. */
  private final Provider provider;

  private EnvelopeSigner(PrivateKey key, X509Certificate certificate, String algorithm,
      Provider provider) {
    this.key = key;
    this.certificate = certificate;
    this.algorithm = algorithm;
    this.provider = provider;
  }

  /**
   * A signer for a unit's {@link SigningKey}: in memory, as {@link #of(PrivateKey,
   * X509Certificate)}; on a PKCS#11 token, through the token's provider. A token's key exposes
   * neither its modulus nor its curve, so the type and size rules are checked on the certificate's
   * public key (whether the token holds the matching private key, {@code SigningKeyChecks} proves
   * by signing a challenge).
   *
   * @throws IllegalArgumentException as {@link #of(PrivateKey, X509Certificate)}
   */
  public static EnvelopeSigner of(SigningKey key) {
    Objects.requireNonNull(key, "key");
    if (key.provider().isEmpty()) {
      return of(key.privateKey(), key.certificate());
    }
    PublicKey publicKey = key.certificate().getPublicKey();
    requireSameType(key.privateKey(), publicKey);
    return new EnvelopeSigner(key.privateKey(), key.certificate(), algorithmFor(publicKey),
        key.provider().get());
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
    requireSameType(key, certificate.getPublicKey());
    String algorithm = algorithmFor(key);
    // BouncyCastle with its own key signs P-256 several times faster than the JDK's provider
    // (BaselineBenchmark: 11 700 against 1 800 signatures/s)
    return CryptoProviders.softwareKey(key)
        .map(k -> new EnvelopeSigner(k, certificate, algorithm, CryptoProviders.bouncyCastle()))
        .orElseGet(() -> new EnvelopeSigner(key, certificate, algorithm, null));
  }

  private static void requireSameType(PrivateKey key, PublicKey certified) {
    if (!key.getAlgorithm().equals(certified.getAlgorithm())) {
      throw new IllegalArgumentException("key is " + key.getAlgorithm()
          + " but the certificate's key is " + certified.getAlgorithm());
    }
  }

  /** The signature algorithm for an RSA or EC key (private, or a certificate's public key). */
  private static String algorithmFor(java.security.Key key) {
    if (key instanceof RSAKey rsa) {
      requireBits(rsa.getModulus().bitLength(), 2048, "RSA");
      return XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256;
    }
    if (key instanceof ECKey ec) {
      requireBits(ec.getParams().getOrder().bitLength(), 256, "EC");
      return XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256;
    }
    throw new IllegalArgumentException("key must be RSA or EC, is " + key.getAlgorithm());
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
      XMLSignature sig = provider == null
          ? new XMLSignature(signedPart, "", algorithm, Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS)
          : new XMLSignature(signedPart, "", algorithm, Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS,
              provider);
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
