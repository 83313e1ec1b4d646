package vn.lienthong.core.edxml;

import java.util.Set;
import org.apache.xml.security.Init;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;

/** Algorithm identifiers and the one-time initialization of Santuario. */
final class Dsig {

  static final String DIGEST_SHA256 = MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256;

  /** Signature algorithms accepted as current (SHA-2 with RSA, RSA-PSS or ECDSA). */
  static final Set<String> SIGNATURE_CURRENT = Set.of(
      XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA384,
      XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA512, XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256_MGF1,
      XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA384_MGF1, XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA512_MGF1,
      XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256, XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA384,
      XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA512);
  /** Signature algorithms of older traffic: readable, reported as legacy, never produced. */
  static final Set<String> SIGNATURE_LEGACY = Set.of(
      XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1, XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA1);
  static final Set<String> DIGEST_CURRENT = Set.of(MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256,
      MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA384, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA512);
  static final Set<String> DIGEST_LEGACY = Set.of(MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA1);
  /** Canonicalizations allowed after the enveloped-signature transform (never with comments). */
  static final Set<String> C14N = Set.of(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS,
      Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS, Canonicalizer.ALGO_ID_C14N11_OMIT_COMMENTS);

  private Dsig() {}

  /** Initializes Santuario (idempotent, thread-safe). */
  static void init() {
    Init.init();
  }
}
