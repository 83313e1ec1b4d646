package vn.lienthong.core.pdf;

import static java.util.Objects.requireNonNull;

import vn.lienthong.core.pki.PkiException;

/**
 * Signing or extending a PDF failed; {@link #code()} says why. The input file is untouched and no
 * output file (or partial file) is left behind.
 */
public final class PdfSigningException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why signing failed. The first twelve mirror {@link PkiException.Reason} by name. */
  public enum Code {
    WRONG_PASSWORD,
    KEY_NOT_FOUND,
    KEYSTORE_UNAVAILABLE,
    EXPIRED_CERTIFICATE,
    NOT_YET_VALID,
    REVOKED,
    KEY_MISMATCH,
    NO_SIGNING_USAGE,
    UNSUPPORTED_KEY,
    REVOCATION_UNAVAILABLE,
    TSA_UNAVAILABLE,
    TIMESTAMP_INVALID,
    /** The PDF is encrypted (password protected): signing it is refused. */
    ENCRYPTED_PDF,
    /** The file is not a PDF that can be parsed. */
    CORRUPT_PDF,
    /** The PDF carries no signature to extend. */
    NOT_SIGNED,
    /** The document is certified with DocMDP P=1: no further signature is allowed. */
    CERTIFIED_NO_CHANGES,
    /** Certification (DocMDP) is only possible on the first signature of a document. */
    ALREADY_SIGNED,
    /** The anchor text of the placement is not on the page(s) searched. */
    ANCHOR_NOT_FOUND,
    /** The page of the placement does not exist, or the rectangle is not on it. */
    BAD_PLACEMENT,
    /** The CMS signature does not fit the space reserved for it. */
    SIGNATURE_TOO_LARGE,
    /** Reading or writing a file failed. */
    IO_ERROR
  }

  private final Code code;

  PdfSigningException(Code code, String message) {
    super(message);
    this.code = requireNonNull(code, "code");
  }

  PdfSigningException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = requireNonNull(code, "code");
  }

  static PdfSigningException of(PkiException e) {
    return new PdfSigningException(Code.valueOf(e.reason().name()), e.getMessage(), e);
  }

  /** Why it failed. */
  public Code code() {
    return code;
  }
}
