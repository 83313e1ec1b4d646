package vn.lienthong.core.edxml;

import static vn.lienthong.core.edxml.Nodes.children;
import static vn.lienthong.core.edxml.Nodes.indexed;
import static vn.lienthong.core.edxml.Nodes.optional;
import static vn.lienthong.core.edxml.Nodes.path;
import static vn.lienthong.core.edxml.Nodes.text;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import vn.lienthong.core.edxml.Business.ReceiverChange;
import vn.lienthong.core.edxml.Business.ReplacementInfo;
import vn.lienthong.core.edxml.Business.UpdateDetails;
import vn.lienthong.core.organ.OrganId;

/** Maps a {@code Bussiness} block to its {@link Business} kind. */
final class BusinessMapper {

  /** What an envelope without a business block means: a new document. */
  static final Business NONE = new Business.NewDocument("", "", false, StaffInfo.NONE);

  private BusinessMapper() {}

  static Business map(Element b, String p) {
    String typePath = path(p, "BussinessDocType");
    if (text(b, "BussinessDocType", p).isEmpty()) {
      throw new EdxmlException(ErrorCode.MISSING_ELEMENT, typePath, "The business block has no type");
    }
    int type = EnvelopeMapper.code(b, "BussinessDocType", p, 0, 4);
    String documentId = text(b, "DocumentId", p);
    String reason = text(b, "BussinessDocReason", p);
    boolean paper = EnvelopeMapper.flag(b, "Paper", p);
    Element staffElement = optional(b, "StaffInfo", p);
    StaffInfo staff = staffElement == null ? StaffInfo.NONE
        : EnvelopeMapper.staff(staffElement, path(p, "StaffInfo"));
    return switch (type) {
      case 0 -> new Business.NewDocument(documentId, reason, paper, staff);
      case 1 -> new Business.Revocation(documentId, reason, paper, staff);
      case 2 -> new Business.Update(documentId, reason, paper,
          updateDetails(optional(b, "BussinessDocumentInfo", p), path(p, "BussinessDocumentInfo")), staff);
      default -> new Business.Replacement(documentId, reason, paper,
          replacements(optional(b, "ReplacementInfoList", p), path(p, "ReplacementInfoList")), staff);
    };
  }

  private static UpdateDetails updateDetails(Element e, String p) {
    if (e == null) {
      return new UpdateDetails(false, false, List.of());
    }
    List<ReceiverChange> receivers = new ArrayList<>();
    Element list = optional(e, "ReceiverList", p);
    if (list != null) {
      String lp = path(p, "ReceiverList");
      List<Element> rs = children(list, "Receiver");
      for (int i = 0; i < rs.size(); i++) {
        String rp = indexed(lp, "Receiver", i, rs.size());
        OrganId id = EnvelopeMapper.organId(rs.get(i), "OrganId", rp);
        if (text(rs.get(i), "ReceiverType", rp).isEmpty()) {
          throw new EdxmlException(ErrorCode.MISSING_ELEMENT, path(rp, "ReceiverType"),
              "A receiver change does not say whether the receiver is added or removed");
        }
        receivers.add(new ReceiverChange(id, EnvelopeMapper.code(rs.get(i), "ReceiverType", rp, 0, 2) == 1));
      }
    }
    return new UpdateDetails(EnvelopeMapper.flag(e, "DocumentInfo", p),
        EnvelopeMapper.flag(e, "DocumentReceiver", p), receivers);
  }

  private static List<ReplacementInfo> replacements(Element e, String p) {
    if (e == null) {
      return List.of();
    }
    List<ReplacementInfo> out = new ArrayList<>();
    List<Element> infos = children(e, "ReplacementInfo");
    for (int i = 0; i < infos.size(); i++) {
      String ip = indexed(p, "ReplacementInfo", i, infos.size());
      Element info = infos.get(i);
      List<OrganId> ids = new ArrayList<>();
      Element idList = optional(info, "OrganIdList", ip);
      if (idList != null) {
        List<Element> idElements = children(idList, "OrganId");
        for (int j = 0; j < idElements.size(); j++) {
          String idPath = indexed(path(ip, "OrganIdList"), "OrganId", j, idElements.size());
          ids.add(EnvelopeMapper.organIdValue(idElements.get(j).getTextContent().strip(), idPath));
        }
      }
      out.add(new ReplacementInfo(text(info, "DocumentId", ip), ids));
    }
    return out;
  }
}
