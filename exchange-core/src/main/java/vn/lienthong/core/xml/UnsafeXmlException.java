package vn.lienthong.core.xml;

/** Thrown when input is refused before or while it is parsed: malformed, hostile or too large. */
public final class UnsafeXmlException extends RuntimeException {

  /** Why the input was refused. */
  public enum Reason {
    /** A document type declaration: refused outright, so no entity can be declared or expanded. */
    DOCTYPE,
    /** A reference to an entity (internal or external), which only a DTD could define. */
    ENTITY_REFERENCE,
    /** An XInclude element: never processed, and refused so that nothing silently goes missing. */
    XINCLUDE,
    /** Elements nested deeper than {@link XmlLimits#maxDepth()}. */
    TOO_DEEP,
    /** More elements than {@link XmlLimits#maxElements()}. */
    TOO_MANY_ELEMENTS,
    /** More attributes on one element than {@link XmlLimits#maxAttributes()}. */
    TOO_MANY_ATTRIBUTES,
    /** A text node longer than {@link XmlLimits#maxTextLength()}. */
    TEXT_TOO_LONG,
    /** Not well-formed XML, or no XML at all. */
    MALFORMED
  }

  private final Reason reason;

  public UnsafeXmlException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public UnsafeXmlException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** The reason code a program can act on. */
  public Reason reason() {
    return reason;
  }
}
