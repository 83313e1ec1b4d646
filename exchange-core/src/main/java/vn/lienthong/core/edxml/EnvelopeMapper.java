package vn.lienthong.core.edxml;

import static vn.lienthong.core.edxml.Nodes.children;
import static vn.lienthong.core.edxml.Nodes.indexed;
import static vn.lienthong.core.edxml.Nodes.optional;
import static vn.lienthong.core.edxml.Nodes.path;
import static vn.lienthong.core.edxml.Nodes.required;
import static vn.lienthong.core.edxml.Nodes.text;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import vn.lienthong.core.organ.OrganId;

/**
 * Maps the envelope DOM (the very DOM the signature is verified on) to the message model. Liberal in
 * element order and unknown extras, strict on duplicates of what may occur once.
 */
final class EnvelopeMapper {

  private static final String MH = "MessageHeader";

  private EnvelopeMapper() {}

  /** @param envelope the {@code edXMLEnvelope} element */
  static EdxmlMessage map(Element envelope) {
    Element header = required(envelope, "edXMLHeader", "edXMLEnvelope");
    Element mh = required(header, MH, "");
    if (optional(mh, "StatusCode", MH) != null) {
      return status(mh);
    }
    return document(header, mh, optional(envelope, "edXMLBody", "edXMLEnvelope"));
  }

  private static DocumentMessage document(Element header, Element mh, Element body) {
    List<Element> toElements = children(mh, "To");
    if (toElements.isEmpty()) {
      throw new EdxmlException(ErrorCode.MISSING_ELEMENT, path(MH, "To"), "A document names no recipient");
    }
    List<Organization> to = new ArrayList<>();
    for (int i = 0; i < toElements.size(); i++) {
      to.add(organization(toElements.get(i), indexed(MH, "To", i, toElements.size())));
    }
    DocumentHeader dh = new DocumentHeader(
        organization(required(mh, "From", MH), path(MH, "From")),
        to,
        text(mh, "DocumentId", MH),
        code(optional(mh, "Code", MH)),
        promulgation(optional(mh, "PromulgationInfo", MH)),
        documentType(optional(mh, "DocumentType", MH)),
        text(mh, "Subject", MH),
        text(mh, "Content", MH),
        signer(optional(mh, "SignerInfo", MH)),
        date(mh, "DueDate", MH),
        toPlaces(optional(mh, "ToPlaces", MH)),
        otherInfo(optional(mh, "OtherInfo", MH), path(MH, "OtherInfo")),
        responseForList(mh),
        SteeringType.ofCode(code(mh, "SteeringType", MH, 0, SteeringType.values().length)));
    Element traceList = optional(header, "TraceHeaderList", "edXMLHeader");
    List<TraceHeader> traces = new ArrayList<>();
    Business business = BusinessMapper.NONE;
    if (traceList != null) {
      List<Element> traceElements = children(traceList, "TraceHeader");
      for (int i = 0; i < traceElements.size(); i++) {
        traces.add(trace(traceElements.get(i), indexed("TraceHeaderList", "TraceHeader", i,
            traceElements.size())));
      }
      Element b = optional(traceList, "Bussiness", "TraceHeaderList");
      if (b != null) {
        business = BusinessMapper.map(b, "TraceHeaderList/Bussiness");
      }
    }
    return new DocumentMessage(dh, traces, business, manifest(body));
  }

  private static StatusMessage status(Element mh) {
    String codeText = text(mh, "StatusCode", MH);
    StatusCode statusCode;
    try {
      statusCode = StatusCode.ofCode(codeText);
    } catch (IllegalArgumentException e) {
      throw new EdxmlException(ErrorCode.INVALID_CODE, path(MH, "StatusCode"),
          "Unknown status code '" + codeText + "'");
    }
    String tsPath = path(MH, "Timestamp");
    String ts = text(mh, "Timestamp", MH);
    if (ts.isEmpty()) {
      throw new EdxmlException(ErrorCode.MISSING_ELEMENT, tsPath, "A status message has no timestamp");
    }
    Element staff = optional(mh, "StaffInfo", MH);
    return new StatusMessage(
        organization(required(mh, "From", MH), path(MH, "From")),
        responseFor(required(mh, "ResponseFor", MH), path(MH, "ResponseFor")),
        staff == null ? StaffInfo.NONE : staff(staff, path(MH, "StaffInfo")),
        statusCode,
        text(mh, "Description", MH),
        EdxmlDates.parseTimestamp(ts, tsPath));
  }

  static Organization organization(Element e, String p) {
    return new Organization(organId(e, "OrganId", p), text(e, "OrganizationInCharge", p),
        text(e, "OrganName", p), text(e, "OrganAdd", p), text(e, "Email", p),
        text(e, "Telephone", p), text(e, "Fax", p), text(e, "Website", p));
  }

  static StaffInfo staff(Element e, String p) {
    return new StaffInfo(text(e, "Department", p), text(e, "Staff", p), text(e, "Email", p),
        text(e, "Mobile", p));
  }

  private static Code code(Element e) {
    String p = path(MH, "Code");
    return e == null ? new Code("", "") : new Code(text(e, "CodeNumber", p), text(e, "CodeNotation", p));
  }

  private static Promulgation promulgation(Element e) {
    String p = path(MH, "PromulgationInfo");
    return e == null ? new Promulgation("", null)
        : new Promulgation(text(e, "Place", p), date(e, "PromulgationDate", p));
  }

  private static DocumentType documentType(Element e) {
    String p = path(MH, "DocumentType");
    return e == null ? new DocumentType(0, 0, "")
        : new DocumentType(integer(e, "Type", p, 0), integer(e, "TypeDetail", p, 0), text(e, "TypeName", p));
  }

  private static SignerInfo signer(Element e) {
    String p = path(MH, "SignerInfo");
    return e == null ? new SignerInfo("", "", "")
        : new SignerInfo(text(e, "Competence", p), text(e, "Position", p), text(e, "FullName", p));
  }

  private static List<String> toPlaces(Element e) {
    return e == null ? List.of()
        : children(e, "Place").stream().map(p -> p.getTextContent().strip()).toList();
  }

  private static OtherInfo otherInfo(Element e, String p) {
    if (e == null) {
      return OtherInfo.NONE;
    }
    Element appendixes = optional(e, "Appendixes", p);
    List<String> list = appendixes == null ? List.of()
        : children(appendixes, "Appendix").stream().map(a -> a.getTextContent().strip()).toList();
    return new OtherInfo(
        Priority.ofCode(code(e, "Priority", p, 0, Priority.values().length)),
        text(e, "SphereOfPromulgation", p), text(e, "TyperNotation", p),
        integerOrNull(e, "PromulgationAmount", p), integerOrNull(e, "PageAmount", p),
        flag(e, "Direction", p), list);
  }

  private static List<ResponseFor> responseForList(Element mh) {
    List<Element> elements = children(mh, "ResponseFor");
    List<ResponseFor> out = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      out.add(responseFor(elements.get(i), indexed(MH, "ResponseFor", i, elements.size())));
    }
    return out;
  }

  private static ResponseFor responseFor(Element e, String p) {
    return new ResponseFor(organId(e, "OrganId", p), text(e, "Code", p), date(e, "PromulgationDate", p),
        text(e, "DocumentId", p));
  }

  private static TraceHeader trace(Element e, String p) {
    String ts = text(e, "Timestamp", p);
    if (ts.isEmpty()) {
      throw new EdxmlException(ErrorCode.MISSING_ELEMENT, path(p, "Timestamp"), "A trace has no timestamp");
    }
    return new TraceHeader(organId(e, "OrganId", p), EdxmlDates.parseTimestamp(ts, path(p, "Timestamp")));
  }

  private static List<ManifestEntry> manifest(Element body) {
    if (body == null) {
      return List.of();
    }
    Element manifest = optional(body, "edXMLManifest", "edXMLBody");
    if (manifest == null) {
      return List.of();
    }
    List<Element> refs = children(manifest, "Reference");
    List<ManifestEntry> out = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      Element r = refs.get(i);
      String p = indexed("edXMLManifest", "Reference", i, refs.size());
      out.add(new ManifestEntry(text(r, "ContentId", p), text(r, "ContentType", p),
          text(r, "Description", p), text(r, "AttachmentName", p),
          r.getAttributeNS(Nodes.EXT_NS, "sha256").strip()));
    }
    return out;
  }

  // --- values ---

  static OrganId organId(Element parent, String localName, String parentPath) {
    String p = path(parentPath, localName);
    return organIdValue(text(parent, localName, parentPath), p);
  }

  static OrganId organIdValue(String value, String p) {
    return OrganId.tryParse(value).orElseThrow(() -> new EdxmlException(ErrorCode.INVALID_ORGAN_ID, p,
        p + ": '" + value + "' is not an organization identifier"));
  }

  private static LocalDate date(Element parent, String localName, String parentPath) {
    String t = text(parent, localName, parentPath);
    return t.isEmpty() ? null : EdxmlDates.parseDate(t, path(parentPath, localName));
  }

  static int integer(Element parent, String localName, String parentPath, int absent) {
    Integer v = integerOrNull(parent, localName, parentPath);
    return v == null ? absent : v;
  }

  static Integer integerOrNull(Element parent, String localName, String parentPath) {
    String t = text(parent, localName, parentPath);
    if (t.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(t);
    } catch (NumberFormatException e) {
      String p = path(parentPath, localName);
      throw new EdxmlException(ErrorCode.INVALID_VALUE, p, p + ": '" + t + "' is not a number");
    }
  }

  /** A code in {@code [0, bound)}; {@code absent} when the element is absent or empty. */
  static int code(Element parent, String localName, String parentPath, int absent, int bound) {
    String p = path(parentPath, localName);
    String t = text(parent, localName, parentPath);
    if (t.isEmpty()) {
      return absent;
    }
    try {
      int v = Integer.parseInt(t);
      if (v >= 0 && v < bound) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new EdxmlException(ErrorCode.INVALID_CODE, p, p + ": '" + t + "' is not a valid code");
  }

  /** A 0/1 or false/true flag; false when absent. */
  static boolean flag(Element parent, String localName, String parentPath) {
    String t = text(parent, localName, parentPath);
    return switch (t) {
      case "", "0", "false" -> false;
      case "1", "true" -> true;
      default -> throw new EdxmlException(ErrorCode.INVALID_CODE, path(parentPath, localName),
          path(parentPath, localName) + ": '" + t + "' is neither 0/false nor 1/true");
    };
  }

}
