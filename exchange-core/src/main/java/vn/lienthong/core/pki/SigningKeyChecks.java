package vn.lienthong.core.pki;

import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import vn.lienthong.core.pki.PkiException.Reason;

/**
 * The offline checks a key passes before it signs anything: its certificate is within its
 * validity, allows signing (digitalSignature or nonRepudiation), has a key Circular 15/2025
 * accepts, and the private key is the certificate's (proved by signing a random challenge, which
 * works for token keys too). Revocation is asked of the CA separately ({@link RevocationClient}).
 */
public final class SigningKeyChecks {

  private static final int DIGITAL_SIGNATURE = 0;
  private static final int NON_REPUDIATION = 1;

  private SigningKeyChecks() {}

  /**
   * Passes, or says why the key must not sign at {@code now}.
   *
   * @throws PkiException EXPIRED_CERTIFICATE, NOT_YET_VALID, NO_SIGNING_USAGE, UNSUPPORTED_KEY or
   *     KEY_MISMATCH
   */
  public static void check(SigningKey key, Instant now, SecureRandom random) throws PkiException {
    requireNonNull(key, "key");
    requireNonNull(now, "now");
    requireNonNull(random, "random");
    X509Certificate cert = key.certificate();
    if (now.isAfter(cert.getNotAfter().toInstant())) {
      throw new PkiException(Reason.EXPIRED_CERTIFICATE, "The certificate "
          + cert.getSubjectX500Principal() + " expired on " + cert.getNotAfter().toInstant());
    }
    if (now.isBefore(cert.getNotBefore().toInstant())) {
      throw new PkiException(Reason.NOT_YET_VALID, "The certificate "
          + cert.getSubjectX500Principal() + " is valid only from "
          + cert.getNotBefore().toInstant());
    }
    boolean[] usage = cert.getKeyUsage();
    if (usage == null || !(usage[DIGITAL_SIGNATURE] || usage[NON_REPUDIATION])) {
      throw new PkiException(Reason.NO_SIGNING_USAGE, "The certificate "
          + cert.getSubjectX500Principal()
          + " allows neither digitalSignature nor nonRepudiation");
    }
    checkKeySize(cert.getPublicKey());
    // a certificate its CA signed with SHA-1 (or MD5) makes signatures no verifier accepts
    // (Circular 15/2025: SHA-1 and MD5 are not acceptable for new signatures)
    String issuedWith = cert.getSigAlgName().toUpperCase(java.util.Locale.ROOT);
    if (issuedWith.startsWith("SHA1") || issuedWith.startsWith("MD5") || issuedWith.startsWith("MD2")) {
      throw new PkiException(Reason.UNSUPPORTED_KEY, "The certificate " + cert.getSubjectX500Principal()
          + " was signed by its CA with " + cert.getSigAlgName() + ": it cannot sign new documents");
    }
    checkKeyMatches(key, random);
  }

  private static void checkKeySize(PublicKey publicKey) throws PkiException {
    if (publicKey instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
      throw new PkiException(Reason.UNSUPPORTED_KEY,
          "RSA-" + rsa.getModulus().bitLength() + " is too short (at least 2048 bits)");
    }
    if (publicKey instanceof ECPublicKey ec && ec.getParams().getOrder().bitLength() < 256) {
      throw new PkiException(Reason.UNSUPPORTED_KEY, "ECDSA keys need at least 256 bits");
    }
    if (!(publicKey instanceof RSAPublicKey) && !(publicKey instanceof ECPublicKey)) {
      throw new PkiException(Reason.UNSUPPORTED_KEY,
          "Only RSA and ECDSA keys sign, not " + publicKey.getAlgorithm());
    }
  }

  private static void checkKeyMatches(SigningKey key, SecureRandom random) throws PkiException {
    String algorithm = key.certificate().getPublicKey() instanceof RSAPublicKey
        ? "SHA256withRSA" : "SHA256withECDSA";
    byte[] challenge = new byte[32];
    random.nextBytes(challenge);
    try {
      Signature signer = key.provider().isPresent()
          ? Signature.getInstance(algorithm, key.provider().get())
          : Signature.getInstance(algorithm);
      signer.initSign(key.privateKey(), random);
      signer.update(challenge);
      byte[] value = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(key.certificate().getPublicKey());
      verifier.update(challenge);
      if (!verifier.verify(value)) {
        throw new PkiException(Reason.KEY_MISMATCH,
            "The private key does not belong to " + key.certificate().getSubjectX500Principal());
      }
    } catch (GeneralSecurityException e) {
      throw new PkiException(Reason.KEY_MISMATCH, "The private key cannot sign for "
          + key.certificate().getSubjectX500Principal() + ": " + e.getMessage(), e);
    }
  }
}
