package vn.lienthong.core.xml;

/**
 * Bounds on what a parser accepts, so that hostile input cannot exhaust memory or stack.
 *
 * <p>The text bound applies to text the parser collects into memory (element content that ends up in
 * a DOM or a model field); content that a caller streams elsewhere, such as an attachment's base64,
 * is not collected and not bounded by it.
 *
 * @param maxDepth deepest element nesting accepted (the root is depth 1)
 * @param maxElements most elements in one document
 * @param maxAttributes most attributes (namespace declarations included) on one element
 * @param maxTextLength longest text node, in characters, collected into memory
 */
public record XmlLimits(int maxDepth, int maxElements, int maxAttributes, int maxTextLength) {

  /** Limits generous for any real edXML envelope: depth 32, 50 000 elements, 64 attributes, 1 Mi chars. */
  public static final XmlLimits DEFAULTS = new XmlLimits(32, 50_000, 64, 1 << 20);

  public XmlLimits {
    requirePositive(maxDepth, "maxDepth");
    requirePositive(maxElements, "maxElements");
    requirePositive(maxAttributes, "maxAttributes");
    requirePositive(maxTextLength, "maxTextLength");
  }

  private static void requirePositive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
