package vn.lienthong.core.edxml;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Strict navigation of the envelope DOM: children are matched by local name in the edXML namespace
 * (or in no namespace, as some producers write them), an element allowed once that occurs twice is
 * an error, and every error names the path of the field.
 */
final class Nodes {

  static final String NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016";
  /** This project's extension namespace: the manifest's attachment digests. */
  static final String EXT_NS = "urn:vn:lienthong:edxml:ext:1";
  static final String DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";

  private Nodes() {}

  static boolean isEdxml(Node node, String localName) {
    if (node.getNodeType() != Node.ELEMENT_NODE || !localName.equals(node.getLocalName())) {
      return false;
    }
    String ns = node.getNamespaceURI();
    return ns == null || NS.equals(ns);
  }

  static List<Element> children(Element parent, String localName) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (isEdxml(n, localName)) {
        out.add((Element) n);
      }
    }
    return out;
  }

  /** The child, or null when absent; DUPLICATE_ELEMENT when it occurs more than once. */
  static Element optional(Element parent, String localName, String parentPath) {
    List<Element> found = children(parent, localName);
    if (found.size() > 1) {
      throw new EdxmlException(ErrorCode.DUPLICATE_ELEMENT, path(parentPath, localName),
          "<" + localName + "> may occur only once in " + parentPath);
    }
    return found.isEmpty() ? null : found.get(0);
  }

  static Element required(Element parent, String localName, String parentPath) {
    Element e = optional(parent, localName, parentPath);
    if (e == null) {
      throw new EdxmlException(ErrorCode.MISSING_ELEMENT, path(parentPath, localName),
          "<" + localName + "> is missing in " + parentPath);
    }
    return e;
  }

  /** The trimmed text of a child allowed once; empty when absent. */
  static String text(Element parent, String localName, String parentPath) {
    Element e = optional(parent, localName, parentPath);
    return e == null ? "" : e.getTextContent().strip();
  }

  static String path(String parentPath, String localName) {
    return parentPath.isEmpty() ? localName : parentPath + "/" + localName;
  }

  static String indexed(String parentPath, String localName, int index, int count) {
    return path(parentPath, count > 1 ? localName + "[" + (index + 1) + "]" : localName);
  }
}
