package vn.lienthong.core.edxml;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lienthong.core.edxml.VerificationResult.Failure;
import vn.lienthong.core.edxml.VerificationResult.Invalid;

/** The shape an envelope signature must have before any cryptography runs. */
final class SignatureProfile {

  private static final String ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
  /** What KeyInfo may hold: the key or certificate itself, never a pointer to fetch it from. */
  private static final java.util.Set<String> KEY_INFO_PARTS = java.util.Set.of("X509Data", "KeyName", "KeyValue");

  private SignatureProfile() {}

  /** Null when the signature has the allowed shape, else why not. */
  static Invalid check(Element signature) {
    Invalid stray = strayText(signature);
    if (stray != null) {
      return stray;
    }
    List<Element> parts = elementChildren(signature);
    for (Element part : parts) {
      if (!List.of("SignedInfo", "SignatureValue", "KeyInfo").contains(part.getLocalName())) {
        return new Invalid(Failure.WRAPPING, "<" + part.getLocalName() + "> inside the Signature is not allowed");
      }
    }
    Element keyInfo = only(parts, "KeyInfo");
    if (keyInfo != null) {
      for (Element k : elementChildren(keyInfo)) {
        if (!KEY_INFO_PARTS.contains(k.getLocalName())) {
          return new Invalid(Failure.MALFORMED, "<" + k.getLocalName()
              + "> in KeyInfo is not allowed: the key must be given, never fetched");
        }
      }
    }
    Element signedInfo = only(parts, "SignedInfo");
    if (signedInfo == null) {
      return new Invalid(Failure.MALFORMED, "Exactly one SignedInfo is required");
    }
    List<Element> references = named(elementChildren(signedInfo), "Reference");
    if (references.size() != 1) {
      return new Invalid(Failure.WRAPPING, references.size() + " References; exactly one is allowed");
    }
    Element reference = references.get(0);
    if (!reference.hasAttribute("URI") || !reference.getAttribute("URI").isEmpty()) {
      return new Invalid(Failure.WRAPPING, "Reference URI '" + reference.getAttribute("URI")
          + "': only URI=\"\" (the whole envelope) is allowed");
    }
    Invalid transforms = checkTransforms(reference);
    if (transforms != null) {
      return transforms;
    }
    return checkAlgorithms(signedInfo, reference);
  }

  /** Text is allowed only in leaf elements (values); elsewhere only white space. */
  private static Invalid strayText(Element element) {
    boolean hasElements = !elementChildren(element).isEmpty();
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.ELEMENT_NODE) {
        Invalid inner = strayText((Element) n);
        if (inner != null) {
          return inner;
        }
      } else if (hasElements && (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE)
          && !n.getNodeValue().isBlank()) {
        return new Invalid(Failure.MALFORMED, "Text inside <" + element.getLocalName() + "> of the Signature");
      }
    }
    return null;
  }

  private static Invalid checkTransforms(Element reference) {
    Element transforms = only(elementChildren(reference), "Transforms");
    List<String> algorithms = new ArrayList<>();
    if (transforms != null) {
      for (Element t : named(elementChildren(transforms), "Transform")) {
        if (!elementChildren(t).isEmpty()) {
          return new Invalid(Failure.WRAPPING, "Transforms with parameters (XPath, XSLT) are not allowed");
        }
        algorithms.add(t.getAttribute("Algorithm"));
      }
    }
    boolean shape = (algorithms.size() == 1 || algorithms.size() == 2) && ENVELOPED.equals(algorithms.get(0));
    if (!shape) {
      return new Invalid(Failure.WRAPPING,
          "Transforms " + algorithms + ": only enveloped-signature then one canonicalization are allowed");
    }
    if (algorithms.size() == 2 && !Dsig.C14N.contains(algorithms.get(1))) {
      return new Invalid(Failure.UNSUPPORTED_ALGORITHM, "Transform " + algorithms.get(1));
    }
    return null;
  }

  private static Invalid checkAlgorithms(Element signedInfo, Element reference) {
    String c14n = algorithmOf(signedInfo, "CanonicalizationMethod");
    String method = algorithmOf(signedInfo, "SignatureMethod");
    String digest = algorithmOf(reference, "DigestMethod");
    if (!Dsig.C14N.contains(c14n)) {
      return new Invalid(Failure.UNSUPPORTED_ALGORITHM, "Canonicalization " + c14n);
    }
    if (!Dsig.SIGNATURE_CURRENT.contains(method) && !Dsig.SIGNATURE_LEGACY.contains(method)) {
      return new Invalid(Failure.UNSUPPORTED_ALGORITHM, "Signature method " + method);
    }
    if (!Dsig.DIGEST_CURRENT.contains(digest) && !Dsig.DIGEST_LEGACY.contains(digest)) {
      return new Invalid(Failure.UNSUPPORTED_ALGORITHM, "Digest method " + digest);
    }
    return null;
  }

  private static String algorithmOf(Element parent, String localName) {
    Element e = only(elementChildren(parent), localName);
    return e == null ? "" : e.getAttribute("Algorithm");
  }

  private static List<Element> elementChildren(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.ELEMENT_NODE) {
        out.add((Element) n); // in any namespace: callers check names, so nothing foreign hides
      }
    }
    return out;
  }

  private static List<Element> named(List<Element> elements, String localName) {
    return elements.stream().filter(e -> localName.equals(e.getLocalName())).toList();
  }

  private static Element only(List<Element> elements, String localName) {
    List<Element> found = named(elements, localName);
    return found.size() == 1 ? found.get(0) : null;
  }
}
