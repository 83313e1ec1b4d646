package vn.lienthong.core.xml;

/**
 * Bounds on what a parser accepts, so that hostile input cannot exhaust memory or stack.
 *
 * <p>The text bounds apply to text the parser collects into memory (element content that ends up
 * in a DOM or a model field); content that a caller streams elsewhere, such as an attachment's
 * base64, is not collected and not bounded by them. Independently, no single token the parser must
 * hold whole (an attribute value, a name, a comment, a processing instruction) may be longer than
 * {@code maxTextLength} characters either: the guarded reader stops the parser before it buffers
 * more.
 *
 * @param maxDepth deepest element nesting accepted (the root is depth 1)
 * @param maxElements most elements in one document
 * @param maxAttributes most attributes (namespace declarations included) on one element
 * @param maxTextLength longest text node collected into memory, and longest single token
 * @param maxTotalTextLength most text collected into memory from one document, all nodes together
 */
public record XmlLimits(int maxDepth, int maxElements, int maxAttributes, int maxTextLength,
    int maxTotalTextLength) {

  /**
   * Limits generous for any real edXML envelope: depth 32, 50 000 elements, 64 attributes, 1 Mi
   * characters per text, 8 Mi characters in all.
   */
  public static final XmlLimits DEFAULTS = new XmlLimits(32, 50_000, 64, 1 << 20, 8 << 20);

  public XmlLimits {
    requirePositive(maxDepth, "maxDepth");
    requirePositive(maxElements, "maxElements");
    requirePositive(maxAttributes, "maxAttributes");
    requirePositive(maxTextLength, "maxTextLength");
    requirePositive(maxTotalTextLength, "maxTotalTextLength");
  }

  private static void requirePositive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
