package vn.lienthong.core.validation;

/** The groups checks belong to, in the order a validation runs them. */
public enum BuildingBlock {
  /** The structure of the signature container (ByteRange, /Contents, CMS, XML-DSig profile). */
  FORMAT,
  /** Which certificate signed, and whether the signature says so itself. */
  IDENTIFICATION,
  /** Whether the signed bytes and the signature value agree. */
  INTEGRITY,
  /** Whether the algorithms and key sizes are acceptable at the time that matters. */
  CRYPTOGRAPHY,
  /** The certificate path to a configured trust anchor and its constraints. */
  CHAIN,
  /** Certificate validity periods and the best proven signing time. */
  TIME,
  /** Revocation status of the signer's and the CAs' certificates. */
  REVOCATION,
  /** Signature and document timestamps. */
  TIMESTAMP,
  /** What later revisions of a document changed after the signature. */
  CHANGES,
  /** Document-level rules of a policy, such as Decree 30's two signatures. */
  POLICY
}
