package vn.lienthong.core.edxml;

import java.util.List;
import javax.xml.stream.XMLStreamException;
import vn.lienthong.core.edxml.Business.ReceiverChange;
import vn.lienthong.core.edxml.Business.ReplacementInfo;
import vn.lienthong.core.organ.OrganId;

/**
 * Writes a message's envelope in the one canonical form: the element order of the official SDK
 * samples, standard date forms, empty optional elements omitted.
 */
final class EnvelopeXml {

  private final XmlOut out;

  EnvelopeXml(XmlOut out) {
    this.out = out;
  }

  /** Writes {@code edXMLEnvelope}; {@code manifest} is what the body announces (documents only). */
  void envelope(EdxmlMessage message, List<ManifestEntry> manifest) throws XMLStreamException {
    out.raw().writeStartElement("edXML", "edXMLEnvelope", Nodes.NS);
    out.raw().writeNamespace("edXML", Nodes.NS);
    out.setDepth(2);
    out.start("edXMLHeader");
    out.start("MessageHeader");
    if (message instanceof DocumentMessage d) {
      documentHeader(d.header());
    } else {
      statusHeader((StatusMessage) message);
    }
    out.end();
    if (message instanceof DocumentMessage d) {
      traces(d);
    }
    out.end();
    if (message instanceof DocumentMessage) {
      out.start("edXMLBody");
      manifest(manifest);
      out.end();
    }
    out.end();
  }

  private void documentHeader(DocumentHeader h) throws XMLStreamException {
    organization("From", h.from());
    for (Organization to : h.to()) {
      organization("To", to);
    }
    out.leaf("DocumentId", h.documentId());
    out.start("Code");
    out.leaf("CodeNumber", h.code().number());
    out.leaf("CodeNotation", h.code().notation());
    out.end();
    out.start("PromulgationInfo");
    out.leaf("Place", h.promulgation().place());
    if (h.promulgation().date() != null) {
      out.leaf("PromulgationDate", EdxmlDates.formatDate(h.promulgation().date(),
          "MessageHeader/PromulgationInfo/PromulgationDate"));
    }
    out.end();
    out.start("DocumentType");
    out.leaf("Type", Integer.toString(h.documentType().type()));
    out.leaf("TypeDetail", Integer.toString(h.documentType().typeDetail()));
    out.leaf("TypeName", h.documentType().typeName());
    out.end();
    out.leaf("Subject", h.subject());
    out.leaf("Content", h.content());
    out.start("SignerInfo");
    out.leaf("Competence", h.signer().competence());
    out.leaf("Position", h.signer().position());
    out.leaf("FullName", h.signer().fullName());
    out.end();
    if (h.dueDate() != null) {
      out.leaf("DueDate", EdxmlDates.formatDate(h.dueDate(), "MessageHeader/DueDate"));
    }
    otherInfo(h.otherInfo());
    for (ResponseFor r : h.responseFor()) {
      responseFor(r);
    }
    out.leaf("SteeringType", Integer.toString(h.steeringType().code()));
    if (!h.toPlaces().isEmpty()) {
      out.start("ToPlaces");
      for (String place : h.toPlaces()) {
        out.leaf("Place", place);
      }
      out.end();
    }
  }

  private void otherInfo(OtherInfo o) throws XMLStreamException {
    out.start("OtherInfo");
    out.leaf("Priority", Integer.toString(o.priority().code()));
    out.optionalLeaf("SphereOfPromulgation", o.sphereOfPromulgation());
    out.optionalLeaf("TyperNotation", o.typerNotation());
    if (o.promulgationAmount() != null) {
      out.leaf("PromulgationAmount", o.promulgationAmount().toString());
    }
    if (o.pageAmount() != null) {
      out.leaf("PageAmount", o.pageAmount().toString());
    }
    out.leaf("Direction", Boolean.toString(o.direction()));
    if (!o.appendixes().isEmpty()) {
      out.start("Appendixes");
      for (String a : o.appendixes()) {
        out.leaf("Appendix", a);
      }
      out.end();
    }
    out.end();
  }

  private void statusHeader(StatusMessage s) throws XMLStreamException {
    organization("From", s.from());
    responseFor(s.responseFor());
    staff(s.staff());
    out.leaf("StatusCode", s.statusCode().code());
    out.leaf("Description", s.description());
    out.leaf("Timestamp", EdxmlDates.formatTimestamp(s.timestamp(), "MessageHeader/Timestamp"));
  }

  private void organization(String local, Organization o) throws XMLStreamException {
    out.start(local);
    out.leaf("OrganId", o.organId().value());
    out.optionalLeaf("OrganizationInCharge", o.organizationInCharge());
    out.optionalLeaf("OrganName", o.organName());
    out.optionalLeaf("OrganAdd", o.organAdd());
    out.optionalLeaf("Email", o.email());
    out.optionalLeaf("Telephone", o.telephone());
    out.optionalLeaf("Fax", o.fax());
    out.optionalLeaf("Website", o.website());
    out.end();
  }

  private void responseFor(ResponseFor r) throws XMLStreamException {
    out.start("ResponseFor");
    out.leaf("OrganId", r.organId().value());
    out.optionalLeaf("Code", r.code());
    if (r.promulgationDate() != null) {
      out.leaf("PromulgationDate", EdxmlDates.formatDate(r.promulgationDate(), "MessageHeader/ResponseFor/PromulgationDate"));
    }
    out.leaf("DocumentId", r.documentId());
    out.end();
  }

  private void staff(StaffInfo s) throws XMLStreamException {
    if (s.equals(StaffInfo.NONE)) {
      return;
    }
    out.start("StaffInfo");
    out.optionalLeaf("Department", s.department());
    out.optionalLeaf("Staff", s.staff());
    out.optionalLeaf("Email", s.email());
    out.optionalLeaf("Mobile", s.mobile());
    out.end();
  }

  private void traces(DocumentMessage d) throws XMLStreamException {
    out.start("TraceHeaderList");
    for (TraceHeader t : d.traces()) {
      out.start("TraceHeader");
      out.leaf("OrganId", t.organId().value());
      out.leaf("Timestamp", EdxmlDates.formatTimestamp(t.timestamp(),
          "TraceHeaderList/TraceHeader/Timestamp"));
      out.end();
    }
    business(d.business());
    out.end();
  }

  private void business(Business b) throws XMLStreamException {
    out.start("Bussiness");
    out.optionalLeaf("DocumentId", b.documentId());
    out.leaf("BussinessDocType", Integer.toString(b.typeCode()));
    out.leaf("BussinessDocReason", b.reason());
    out.leaf("Paper", b.paperFollows() ? "1" : "0");
    if (b instanceof Business.Update u) {
      out.start("BussinessDocumentInfo");
      out.leaf("DocumentInfo", u.details().metadataChanged() ? "1" : "0");
      out.leaf("DocumentReceiver", u.details().receiversChanged() ? "1" : "0");
      out.start("ReceiverList");
      for (ReceiverChange r : u.details().receivers()) {
        out.start("Receiver");
        out.leaf("OrganId", r.organId().value());
        out.leaf("ReceiverType", r.added() ? "1" : "0");
        out.end();
      }
      out.end();
      out.end();
    } else if (b instanceof Business.Replacement r) {
      out.start("ReplacementInfoList");
      for (ReplacementInfo info : r.replaced()) {
        out.start("ReplacementInfo");
        out.leaf("DocumentId", info.documentId());
        out.start("OrganIdList");
        for (OrganId id : info.organIds()) {
          out.leaf("OrganId", id.value());
        }
        out.end();
        out.end();
      }
      out.end();
    }
    staff(b.staff());
    out.end();
  }

  private void manifest(List<ManifestEntry> entries) throws XMLStreamException {
    out.start("edXMLManifest");
    out.raw().writeAttribute("version", "1.0");
    for (ManifestEntry m : entries) {
      out.start("Reference");
      if (!m.sha256().isEmpty()) {
        out.raw().writeNamespace("lt", Nodes.EXT_NS);
        out.raw().writeAttribute("lt", Nodes.EXT_NS, "sha256", m.sha256());
      }
      out.leaf("ContentId", m.contentId());
      out.leaf("ContentType", m.contentType());
      out.optionalLeaf("Description", m.description());
      out.leaf("AttachmentName", m.attachmentName());
      out.end();
    }
    out.end();
  }
}
