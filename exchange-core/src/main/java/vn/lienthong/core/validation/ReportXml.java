package vn.lienthong.core.validation;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes a {@link ValidationReport} as XML in the namespace of {@code validation-report.xsd}. */
final class ReportXml {

  private final XMLStreamWriter w;

  private ReportXml(XMLStreamWriter w) {
    this.w = w;
  }

  /**
   * {@code w}, with every text and attribute value made legal XML first ({@link ShownText#xml}): the
   * values come from the file verified, and a control character in a certificate's subject made
   * the writer throw instead of writing the report.
   */
  static XMLStreamWriter safe(XMLStreamWriter w) {
    return (XMLStreamWriter) Proxy.newProxyInstance(XMLStreamWriter.class.getClassLoader(),
        new Class<?>[] {XMLStreamWriter.class}, (proxy, method, args) -> {
          String name = method.getName();
          if (args != null && (name.equals("writeAttribute") || name.equals("writeCharacters"))
              && args[args.length - 1] instanceof String text) {
            args[args.length - 1] = ShownText.xml(text);
          }
          try {
            return method.invoke(w, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  static void write(ValidationReport report, OutputStream out) throws IOException {
    try {
      XMLStreamWriter w = safe(XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8"));
      w.writeStartDocument("UTF-8", "1.0");
      w.setDefaultNamespace(ValidationReport.NAMESPACE);
      new ReportXml(w).report(report);
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IOException("Cannot write the XML report", e);
    }
  }

  private void report(ValidationReport r) throws XMLStreamException {
    w.writeStartElement("ValidationReport");
    w.writeDefaultNamespace(ValidationReport.NAMESPACE);
    w.writeAttribute("policy", r.policyName());
    w.writeAttribute("validationTime", r.validationTime().toString());
    w.writeEmptyElement("Document");
    w.writeAttribute("name", r.documentName());
    w.writeAttribute("sha256", r.documentSha256());
    w.writeAttribute("size", Long.toString(r.documentSize()));
    w.writeAttribute("type", r.documentType());
    verdict(r.verdict());
    for (SignatureReport s : r.signatures()) {
      signature(s);
    }
    checks("DocumentChecks", r.documentChecks());
    w.writeEndElement();
  }

  private void signature(SignatureReport s) throws XMLStreamException {
    w.writeStartElement("Signature");
    w.writeAttribute("id", s.id());
    w.writeAttribute("kind", s.kind().name());
    w.writeAttribute("format", s.format());
    w.writeAttribute("role", s.role().name());
    w.writeAttribute("coveredRevision", Integer.toString(s.coveredRevision()));
    verdict(s.verdict());
    time("ClaimedSigningTime", s.claimedSigningTime());
    time("BestSignatureTime", s.bestSignatureTime());
    if (s.signer() != null) {
      w.writeStartElement("Signer");
      certificate(s.signer());
      w.writeEndElement();
    }
    w.writeStartElement("Chain");
    for (CertificateInfo c : s.chain()) {
      certificate(c);
    }
    w.writeEndElement();
    w.writeStartElement("Revocations");
    for (RevocationInfo rev : s.revocations()) {
      revocation(rev);
    }
    w.writeEndElement();
    w.writeStartElement("Timestamps");
    for (TimestampInfo t : s.timestamps()) {
      w.writeStartElement("Timestamp");
      w.writeAttribute("kind", t.kind().name());
      w.writeAttribute("generationTime", t.generationTime().toString());
      w.writeAttribute("tsa", t.tsa());
      w.writeAttribute("digestAlgorithm", t.digestAlgorithm());
      verdict(t.verdict());
      checks("Checks", t.checks());
      w.writeEndElement();
    }
    w.writeEndElement();
    w.writeStartElement("Changes");
    for (ChangeInfo c : s.changesAfter()) {
      w.writeStartElement("Change");
      w.writeAttribute("revision", Integer.toString(c.revision()));
      w.writeAttribute("kind", c.kind().name());
      w.writeAttribute("allowed", Boolean.toString(c.allowed()));
      w.writeCharacters(c.description());
      w.writeEndElement();
    }
    w.writeEndElement();
    checks("Checks", s.checks());
    w.writeEndElement();
  }

  private void certificate(CertificateInfo c) throws XMLStreamException {
    w.writeEmptyElement("Certificate");
    w.writeAttribute("subject", c.subject());
    w.writeAttribute("issuer", c.issuer());
    w.writeAttribute("serialNumber", c.serialNumber());
    w.writeAttribute("notBefore", c.notBefore().toString());
    w.writeAttribute("notAfter", c.notAfter().toString());
    w.writeAttribute("sha256", c.sha256());
    w.writeAttribute("keyAlgorithm", c.keyAlgorithm());
    w.writeAttribute("keyBits", Integer.toString(c.keyBits()));
    w.writeAttribute("trustAnchor", Boolean.toString(c.trustAnchor()));
  }

  private void revocation(RevocationInfo r) throws XMLStreamException {
    w.writeEmptyElement("Revocation");
    w.writeAttribute("certificateSerial", r.certificateSerial());
    w.writeAttribute("source", r.source().name());
    w.writeAttribute("origin", r.origin());
    w.writeAttribute("status", r.status().name());
    w.writeAttribute("producedAt", r.producedAt().toString());
    w.writeAttribute("thisUpdate", r.thisUpdate().toString());
    if (r.nextUpdate() != null) {
      w.writeAttribute("nextUpdate", r.nextUpdate().toString());
    }
    if (r.revocationTime() != null) {
      w.writeAttribute("revocationTime", r.revocationTime().toString());
      w.writeAttribute("reason", r.reason());
    }
  }

  private void checks(String element, List<CheckResult> checks) throws XMLStreamException {
    w.writeStartElement(element);
    for (CheckResult c : checks) {
      w.writeStartElement("Check");
      w.writeAttribute("id", c.id().name());
      w.writeAttribute("block", c.id().block().name());
      w.writeAttribute("level", c.level().name());
      w.writeAttribute("status", c.status().name());
      if (c.status() == CheckResult.Status.FAILED) {
        w.writeAttribute("indication", c.indication().name());
        w.writeAttribute("subIndication", c.subIndication().name());
      }
      for (String argument : c.arguments()) {
        w.writeStartElement("Argument");
        w.writeCharacters(argument);
        w.writeEndElement();
      }
      for (Locale locale : Messages.LANGUAGES) {
        w.writeStartElement("Message");
        w.writeAttribute("lang", locale.getLanguage());
        w.writeCharacters(Messages.describe(c, locale));
        w.writeEndElement();
      }
      w.writeEndElement();
    }
    w.writeEndElement();
  }

  private void verdict(Verdict v) throws XMLStreamException {
    w.writeEmptyElement("Verdict");
    w.writeAttribute("indication", v.indication().name());
    if (v.subIndication().isPresent()) {
      w.writeAttribute("subIndication", v.subIndication().get().name());
    }
  }

  private void time(String element, Instant time) throws XMLStreamException {
    if (time != null) {
      w.writeStartElement(element);
      w.writeCharacters(time.toString());
      w.writeEndElement();
    }
  }
}
