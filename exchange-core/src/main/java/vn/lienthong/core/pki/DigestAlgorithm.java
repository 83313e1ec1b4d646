package vn.lienthong.core.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/** The digests Circular 15/2025 allows for new signatures (SHA-1 and MD5 are not among them). */
public enum DigestAlgorithm {
  SHA256("SHA-256", "SHA256", NISTObjectIdentifiers.id_sha256),
  SHA384("SHA-384", "SHA384", NISTObjectIdentifiers.id_sha384),
  SHA512("SHA-512", "SHA512", NISTObjectIdentifiers.id_sha512);

  private final String jcaName;
  private final String signaturePrefix;
  private final ASN1ObjectIdentifier oid;

  DigestAlgorithm(String jcaName, String signaturePrefix, ASN1ObjectIdentifier oid) {
    this.jcaName = jcaName;
    this.signaturePrefix = signaturePrefix;
    this.oid = oid;
  }

  /** The JCA name, e.g. {@code SHA-256}. */
  public String jcaName() {
    return jcaName;
  }

  /** The prefix of JCA signature names, e.g. {@code SHA256} in {@code SHA256withECDSA}. */
  public String signaturePrefix() {
    return signaturePrefix;
  }

  /** The algorithm's object identifier. */
  public ASN1ObjectIdentifier oid() {
    return oid;
  }

  /** The algorithm identifier (no parameters), as CMS and RFC 3161 write it. */
  public AlgorithmIdentifier identifier() {
    return new AlgorithmIdentifier(oid);
  }

  /** A fresh digest engine. */
  public MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jcaName + " is missing from this Java runtime", e);
    }
  }
}
