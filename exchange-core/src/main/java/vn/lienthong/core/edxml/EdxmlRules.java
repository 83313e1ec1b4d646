package vn.lienthong.core.edxml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import vn.lienthong.core.organ.OrganId;

/**
 * The intake rules of a message beyond its structure: lengths as provincial hubs enforce them, no
 * duplicate recipient, business blocks that name what they act on, and a manifest matching the
 * attachments one to one. Identifiers and codes are already typed when a message exists (the reader
 * refuses invalid ones, naming the field), so they are not checked again here.
 */
public final class EdxmlRules {

  /** Longest {@code Subject} and {@code Content}, in characters. */
  public static final int MAX_SUMMARY = 500;
  /** Longest {@code Place}, in characters. */
  public static final int MAX_PLACE = 150;

  private static final String MH = "MessageHeader";
  private static final String BUSINESS = "TraceHeaderList/Bussiness";

  private EdxmlRules() {}

  /** Every broken rule, in document order; empty when the message is acceptable. */
  public static List<Violation> check(EdxmlMessage message, List<Attachment> attachments) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(attachments, "attachments");
    List<Violation> out = new ArrayList<>();
    if (message instanceof DocumentMessage d) {
      header(d.header(), out);
      business(d.business(), out);
      manifest(d.manifest(), attachments, out);
    } else {
      StatusMessage s = (StatusMessage) message;
      if (s.responseFor().documentId().isEmpty()) {
        out.add(new Violation(ErrorCode.MISSING_REFERENCE, MH + "/ResponseFor/DocumentId",
            "A status message must name the document it reports on"));
      }
      if (!attachments.isEmpty()) {
        out.add(new Violation(ErrorCode.MANIFEST_MISMATCH, "AttachmentEncoded",
            "A status message carries no attachment"));
      }
    }
    return List.copyOf(out);
  }

  /** Throws the first broken rule as an {@link EdxmlException}. */
  public static void requireValid(EdxmlMessage message, List<Attachment> attachments) {
    List<Violation> violations = check(message, attachments);
    if (!violations.isEmpty()) {
      throw violations.get(0).toException();
    }
  }

  private static void header(DocumentHeader h, List<Violation> out) {
    maxLength(h.subject(), MAX_SUMMARY, MH + "/Subject", out);
    maxLength(h.content(), MAX_SUMMARY, MH + "/Content", out);
    maxLength(h.promulgation().place(), MAX_PLACE, MH + "/PromulgationInfo/Place", out);
    for (int i = 0; i < h.toPlaces().size(); i++) {
      maxLength(h.toPlaces().get(i), MAX_PLACE, MH + "/ToPlaces/Place[" + (i + 1) + "]", out);
    }
    if (h.documentId().isEmpty()) {
      out.add(new Violation(ErrorCode.MISSING_ELEMENT, MH + "/DocumentId", "The document has no DocumentId"));
    }
    if (h.to().isEmpty()) {
      out.add(new Violation(ErrorCode.MISSING_ELEMENT, MH + "/To", "The document names no recipient"));
    }
    Set<OrganId> seen = new HashSet<>();
    for (int i = 0; i < h.to().size(); i++) {
      OrganId id = h.to().get(i).organId();
      if (!seen.add(id)) {
        out.add(new Violation(ErrorCode.DUPLICATE_RECIPIENT, MH + "/To[" + (i + 1) + "]/OrganId",
            "Recipient " + id + " is named twice"));
      }
    }
  }

  private static void business(Business b, List<Violation> out) {
    if (b instanceof Business.Update u) {
      if (u.documentId().isEmpty()) {
        out.add(new Violation(ErrorCode.MISSING_REFERENCE, BUSINESS + "/DocumentId",
            "An update must name the document it updates"));
      }
      String list = BUSINESS + "/BussinessDocumentInfo/ReceiverList";
      if (u.details().receiversChanged() && u.details().receivers().isEmpty()) {
        out.add(new Violation(ErrorCode.MISSING_REFERENCE, list,
            "DocumentReceiver says the recipients changed, but no receiver is listed"));
      }
      Set<OrganId> seen = new HashSet<>();
      for (int i = 0; i < u.details().receivers().size(); i++) {
        OrganId id = u.details().receivers().get(i).organId();
        if (!seen.add(id)) {
          out.add(new Violation(ErrorCode.DUPLICATE_RECIPIENT, list + "/Receiver[" + (i + 1) + "]/OrganId",
              "Receiver " + id + " is changed twice"));
        }
      }
    } else if (b instanceof Business.Replacement r) {
      String list = BUSINESS + "/ReplacementInfoList";
      if (r.replaced().isEmpty()) {
        out.add(new Violation(ErrorCode.MISSING_REFERENCE, list,
            "A replacement must name the documents it replaces"));
      }
      for (int i = 0; i < r.replaced().size(); i++) {
        String p = list + "/ReplacementInfo[" + (i + 1) + "]";
        if (r.replaced().get(i).documentId().isEmpty()) {
          out.add(new Violation(ErrorCode.MISSING_REFERENCE, p + "/DocumentId",
              "A replacement must name the document it replaces"));
        }
        if (r.replaced().get(i).organIds().isEmpty()) {
          out.add(new Violation(ErrorCode.MISSING_REFERENCE, p + "/OrganIdList",
              "A replacement must name to whom it applies"));
        }
      }
    }
  }

  private static void manifest(List<ManifestEntry> manifest, List<Attachment> attachments, List<Violation> out) {
    Map<String, Attachment> byId = new HashMap<>();
    for (int i = 0; i < attachments.size(); i++) {
      if (byId.putIfAbsent(attachments.get(i).contentId(), attachments.get(i)) != null) {
        out.add(new Violation(ErrorCode.MANIFEST_MISMATCH, "AttachmentEncoded/Attachment[" + (i + 1) + "]/ContentId",
            "Two attachments have ContentId " + attachments.get(i).contentId()));
      }
    }
    Set<String> announced = new HashSet<>();
    for (int i = 0; i < manifest.size(); i++) {
      ManifestEntry m = manifest.get(i);
      String p = "edXMLManifest/Reference[" + (i + 1) + "]";
      Attachment a = byId.get(m.contentId());
      if (!announced.add(m.contentId())) {
        out.add(new Violation(ErrorCode.MANIFEST_MISMATCH, p + "/ContentId",
            "The manifest announces " + m.contentId() + " twice"));
      } else if (a == null) {
        out.add(new Violation(ErrorCode.MANIFEST_MISMATCH, p + "/ContentId",
            "The manifest announces " + m.contentId() + " but no such attachment came"));
      } else if (!a.attachmentName().equals(m.attachmentName())) {
        out.add(new Violation(ErrorCode.MANIFEST_MISMATCH, p + "/AttachmentName",
            "The manifest names " + m.contentId() + " '" + m.attachmentName() + "', the attachment '"
                + a.attachmentName() + "'"));
      } else if (!m.sha256().isEmpty() && !m.sha256().equalsIgnoreCase(a.sha256())) {
        out.add(new Violation(ErrorCode.ATTACHMENT_DIGEST_MISMATCH, p,
            "Attachment " + m.contentId() + " does not match the manifest's SHA-256"));
      }
    }
    for (int i = 0; i < attachments.size(); i++) {
      if (!announced.contains(attachments.get(i).contentId())) {
        out.add(new Violation(ErrorCode.MANIFEST_MISMATCH, "AttachmentEncoded/Attachment[" + (i + 1) + "]/ContentId",
            "Attachment " + attachments.get(i).contentId() + " is not in the manifest"));
      }
    }
  }

  private static void maxLength(String value, int max, String field, List<Violation> out) {
    int length = value.codePointCount(0, value.length());
    if (length > max) {
      out.add(new Violation(ErrorCode.TOO_LONG, field,
          field + " has " + length + " characters, at most " + max + " are allowed"));
    }
  }
}
