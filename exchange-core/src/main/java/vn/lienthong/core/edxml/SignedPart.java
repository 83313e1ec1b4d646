package vn.lienthong.core.edxml;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The shape of what an envelope signature covers. */
final class SignedPart {
  private SignedPart() {}

  /**
   * Removes every child of the root but elements: the white space between the root's children is
   * not signed, so that attachments can be cut out and formatting around them cannot matter.
   */
  static void stripRootText(Element root) {
    Node n = root.getFirstChild();
    while (n != null) {
      Node next = n.getNextSibling();
      if (n.getNodeType() != Node.ELEMENT_NODE) {
        root.removeChild(n);
      }
      n = next;
    }
  }
}
