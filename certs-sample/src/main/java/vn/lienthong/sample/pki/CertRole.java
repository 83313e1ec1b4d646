package vn.lienthong.sample.pki;

/** What a certificate of the sample PKI is for. */
public enum CertRole {
  /** A self-signed root; only {@link SamplePki#trustAnchors()} are meant to be trusted. */
  ROOT_CA,
  INTERMEDIATE_CA,
  /** A unit's system certificate: TLS client authentication and signing of edXML envelopes. */
  UNIT_SYSTEM,
  /** A unit's seal: the organization's document signature (Decree 30/2020). */
  UNIT_SEAL,
  /** A natural person who signs documents (a chairman, a director). */
  PERSON,
  /** The RFC 3161 time-stamping unit. */
  TSA,
  /** A delegated OCSP responder of one CA. */
  OCSP_RESPONDER,
  /** The hub's TLS server certificate. */
  HUB_TLS,
  /** The hub's seal, for receipts and evidence. */
  HUB_SEAL
}
