package vn.lienthong.core.edxml;

/** Why an envelope was refused; each {@link EdxmlException} carries one, with the field concerned. */
public enum ErrorCode {
  // --- hostile or broken XML (from the hardened parser) ---
  /** Not well-formed XML, or no XML at all. */
  XML_MALFORMED,
  /** A DOCTYPE declaration (entity bombs and external entities start there). */
  XML_DOCTYPE,
  /** An entity reference. */
  XML_ENTITY,
  /** An XInclude element. */
  XML_XINCLUDE,
  /** Elements nested too deep. */
  XML_TOO_DEEP,
  /** Too many elements. */
  XML_TOO_MANY_ELEMENTS,
  /** Too many attributes on one element. */
  XML_TOO_MANY_ATTRIBUTES,
  /** A text node too long to hold. */
  XML_TEXT_TOO_LONG,

  // --- structure ---
  /** The root is not an edXML element. */
  NOT_EDXML,
  /** A required element is missing. */
  MISSING_ELEMENT,
  /** An element that may occur once occurs more often (also: a duplicated or moved header). */
  DUPLICATE_ELEMENT,
  /** An element where none is allowed (outside the envelope and the attachments). */
  UNEXPECTED_ELEMENT,
  /** A value that cannot be read: a malformed date, number or flag. */
  INVALID_VALUE,
  /** The message does not conform to the edXML schema ({@link EdxmlSchema}). */
  SCHEMA_INVALID,

  // --- rules ---
  /** Text longer than the field allows. */
  TOO_LONG,
  /** A missing or malformed organization identifier. */
  INVALID_ORGAN_ID,
  /** The same recipient named twice. */
  DUPLICATE_RECIPIENT,
  /** A code outside its list (priority, steering type, business type, status, flags). */
  INVALID_CODE,
  /** A business block that does not name the document it acts on. */
  MISSING_REFERENCE,
  /** Manifest and attachments do not match one to one. */
  MANIFEST_MISMATCH,
  /** An attachment whose content does not match the digest in the signed manifest. */
  ATTACHMENT_DIGEST_MISMATCH,
  /** An attachment that cannot be decoded or unpacked, or that is too large. */
  INVALID_ATTACHMENT,
  /** Reading or writing failed for a reason outside the message (disk, stream). */
  IO_ERROR
}
