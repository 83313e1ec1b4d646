package vn.lienthong.core.edxml;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * The outcome of checking an envelope's signature. Whether the signer's certificate is trusted
 * (chain, revocation, the registry's binding to {@code From}) is decided elsewhere; this says only
 * whether the envelope is intact and signed by the key of {@link Valid#signer()}.
 */
public sealed interface VerificationResult {

  /** The signature is intact and uses current algorithms. */
  record Valid(X509Certificate signer, String algorithm) implements VerificationResult {
    public Valid {
      Objects.requireNonNull(signer, "signer");
      Objects.requireNonNull(algorithm, "algorithm");
    }
  }

  /**
   * The signature is intact but uses SHA-1 (signature or digest): older traffic, readable, to be
   * reported and judged by policy; this project never produces it.
   */
  record Legacy(X509Certificate signer, String algorithm) implements VerificationResult {
    public Legacy {
      Objects.requireNonNull(signer, "signer");
      Objects.requireNonNull(algorithm, "algorithm");
    }
  }

  /** The signature is absent, not acceptable in form, or does not match. */
  record Invalid(Failure failure, String detail) implements VerificationResult {
    public Invalid {
      Objects.requireNonNull(failure, "failure");
      detail = Texts.orEmpty(detail);
    }
  }

  /** Why a signature is {@link Invalid}. */
  enum Failure {
    /** The envelope has no signature. */
    UNSIGNED,
    /**
     * A signature wrapping form: more than one Signature, a Signature elsewhere than at the end of
     * {@code edXMLHeader}, a Reference count other than one, a Reference URI other than {@code ""}
     * (such as an Id-based reference to one element), transforms other than enveloped-signature plus
     * canonicalization, or {@code Object}/{@code Manifest} content inside the signature.
     */
    WRAPPING,
    /** An algorithm outside the allowed ones (e.g. MD5, HMAC, DSA). */
    UNSUPPORTED_ALGORITHM,
    /** No certificate in KeyInfo. */
    NO_CERTIFICATE,
    /** RSA below 2048 bits or EC below 256 bits. */
    WEAK_KEY,
    /** The signature is not from the expected certificate. */
    KEY_MISMATCH,
    /** The signed content changed: the digest does not match. */
    DIGEST_MISMATCH,
    /** The signature value does not verify with the certificate's key. */
    SIGNATURE_MISMATCH,
    /** The signature cannot be read. */
    MALFORMED
  }
}
