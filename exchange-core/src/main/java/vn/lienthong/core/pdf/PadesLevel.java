package vn.lienthong.core.pdf;

/** The PAdES baseline levels (ETSI EN 319 142-1), each including the ones before it. */
public enum PadesLevel {
  /** CAdES detached CMS with signing-certificate-v2, SubFilter ETSI.CAdES.detached. */
  B_B,
  /** B-B plus an RFC 3161 signature time stamp: proof of when it was signed. */
  B_T,
  /** B-T plus a DSS dictionary with chains, OCSP responses and CRLs: verifiable offline. */
  B_LT,
  /** B-LT plus a document time stamp over everything: renewable against weakening algorithms. */
  B_LTA;

  boolean atLeast(PadesLevel other) {
    return compareTo(other) >= 0;
  }
}
