package vn.lienthong.core.pdf;

/** The RSA signature schemes Circular 15/2025 allows. Ignored for ECDSA keys. */
public enum RsaPadding {
  /** RSASSA-PKCS1-v1_5. */
  PKCS1_V1_5,
  /** RSASSA-PSS with MGF1 over the same digest and a salt as long as the digest. */
  PSS
}
