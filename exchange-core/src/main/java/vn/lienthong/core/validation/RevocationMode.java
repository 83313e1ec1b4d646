package vn.lienthong.core.validation;

/** Where a {@link Verifier} looks for revocation data. */
public enum RevocationMode {
  /** Only what the file carries (a PDF's DSS, CMS revocation values): no network at all. */
  OFFLINE,
  /**
   * What the file carries first; when that is missing or not fresh, OCSP (with a nonce) at the
   * certificate's AIA URL, then the CRL at its distribution point; answers are cached until their
   * nextUpdate.
   */
  ONLINE
}
