package vn.lienthong.core.validation;

import static vn.lienthong.core.validation.CheckId.*;

import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The document-level checks: the file carries signatures, all of them pass, and Decree 30/2020's
 * rules for official PDFs (a person's signature and the organization's seal, the seal being the
 * sending unit's when the caller knows it). Which certificate is a seal: one whose subject names
 * a unit with {@code UID=ORGANID:<OrganId>} (see {@link Engine#roleOf}).
 */
final class DocumentChecks {

  /** What the document checks look at. */
  record Document(String type, List<SignatureReport> signatures, String senderOrganId) {}

  static final List<Check<Document>> TABLE = List.of(
      Check.of(DOCUMENT_SIGNED, d -> Outcome.check(!d.signatures().isEmpty(), d.type())),
      Check.of(ALL_SIGNATURES_PASSED, DocumentChecks::allPassed),
      Check.of(DECREE30_SIGNER_SIGNATURE, d -> decree30(d, SignatureReport.Role.SIGNER)),
      Check.of(DECREE30_ORGANIZATION_SEAL,
          d -> decree30(d, SignatureReport.Role.ORGANIZATION_SEAL)),
      Check.of(DECREE30_SEAL_OF_SENDER, DocumentChecks::sealOfSender),
      Check.of(DECREE30_SEAL_AFTER_SIGNER, DocumentChecks::sealAfterSigner));

  private DocumentChecks() {}

  private static Outcome allPassed(Document d) {
    if (d.signatures().isEmpty()) {
      return Outcome.notApplicable();
    }
    List<SignatureReport> failing = d.signatures().stream().filter(s -> !s.verdict().passed())
        .toList();
    if (failing.isEmpty()) {
      return Outcome.passed(String.valueOf(d.signatures().size()));
    }
    SignatureReport worst = failing.stream()
        .filter(s -> s.verdict().indication() == Indication.TOTAL_FAILED).findFirst()
        .orElse(failing.get(0));
    return Outcome.failedAs(worst.verdict().indication(),
        worst.verdict().subIndication().orElseThrow(),
        String.join(", ", failing.stream().map(s -> s.id() + " " + s.verdict()).toList()));
  }

  private static Outcome decree30(Document d, SignatureReport.Role role) {
    if (!d.type().equals("PDF") || d.signatures().isEmpty()) {
      return Outcome.notApplicable(d.type()); // an unsigned file fails DOCUMENT_SIGNED instead
    }
    List<SignatureReport> ofRole = d.signatures().stream()
        .filter(s -> s.kind() == SignatureReport.Kind.PADES && s.role() == role).toList();
    if (ofRole.isEmpty()) {
      return Outcome.failed("none");
    }
    return ofRole.stream().filter(s -> s.verdict().passed()).findFirst()
        .map(s -> Outcome.passed(s.id()))
        .orElseGet(() -> Outcome.failed(ofRole.get(0).id() + " " + ofRole.get(0).verdict()));
  }

  /**
   * Decree 30's order: the clerk's office seals what the authorized person signed, so a passing
   * seal must cover a passing signer's signature (a later revision), unless the seal certifies the
   * document (DocMDP P=2 or 3) and the person signs after it (signatures.md); when the sending
   * unit is known and sealed, it is its seal. Not applicable until both signatures pass: the checks above
   * fail instead.
   */
  private static Outcome sealAfterSigner(Document d) {
    if (!d.type().equals("PDF")) {
      return Outcome.notApplicable(d.type());
    }
    List<SignatureReport> signers = passingPades(d, SignatureReport.Role.SIGNER);
    List<SignatureReport> allSeals = passingPades(d, SignatureReport.Role.ORGANIZATION_SEAL);
    // the sending unit's seals when it is known and sealed: another unit's on top (a recipient's)
    // does not put the sender's in order (without one, DECREE30_SEAL_OF_SENDER fails, or warns)
    List<SignatureReport> senders = allSeals.stream().filter(s -> d.senderOrganId() != null
        && organId(s.signer()).filter(d.senderOrganId()::equals).isPresent()).toList();
    List<SignatureReport> seals = senders.isEmpty() ? allSeals : senders;
    if (signers.isEmpty() || seals.isEmpty()) {
      return Outcome.notApplicable();
    }
    for (SignatureReport seal : seals) {
      for (SignatureReport signer : signers) {
        if (seal.coveredRevision() > signer.coveredRevision()
            || certifies(seal) && seal.coveredRevision() < signer.coveredRevision()) {
          return Outcome.passed(seal.id(), signer.id());
        }
      }
    }
    return Outcome.failed(seals.get(0).id(), signers.get(0).id());
  }

  private static List<SignatureReport> passingPades(Document d, SignatureReport.Role role) {
    return d.signatures().stream().filter(s -> s.kind() == SignatureReport.Kind.PADES)
        .filter(s -> s.role() == role && s.verdict().passed()).toList();
  }

  /**
   * Whether a signature certifies the document: its DocMDP permissions were checked. An approval
   * signature's FieldMDP lock (/P of PDF 2.0) is checked by the same check but certifies nothing.
   */
  private static boolean certifies(SignatureReport s) {
    return s.checks().stream().anyMatch(c -> c.id() == CERTIFICATION_PERMISSIONS
        && c.status() != CheckResult.Status.NOT_APPLICABLE && !c.arguments().isEmpty()
        && c.arguments().get(0).startsWith(PdfValidator.CERTIFIED));
  }

  private static Outcome sealOfSender(Document d) {
    if (d.senderOrganId() == null) {
      return Outcome.notApplicable();
    }
    SignatureReport.Role role = d.type().equals("EDXML") ? SignatureReport.Role.ENVELOPE
        : SignatureReport.Role.ORGANIZATION_SEAL;
    if (!d.type().equals("PDF") && !d.type().equals("EDXML")) {
      return Outcome.notApplicable(d.type());
    }
    List<String> owners = d.signatures().stream().filter(s -> s.role() == role)
        .filter(s -> s.verdict().passed())
        .map(s -> organId(s.signer()).orElse("?")).toList();
    return Outcome.check(owners.contains(d.senderOrganId()),
        owners.isEmpty() ? "none" : String.join(", ", owners), d.senderOrganId());
  }

  /** The OrganId in a report's certificate subject ({@code UID=ORGANID:…}). */
  static Optional<String> organId(CertificateInfo cert) {
    if (cert == null) {
      return Optional.empty();
    }
    try {
      for (Rdn rdn : new LdapName(cert.subject()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("UID") && rdn.getValue() instanceof String v
            && v.startsWith(Engine.ORGAN_ID_PREFIX)) {
          return Optional.of(v.substring(Engine.ORGAN_ID_PREFIX.length()));
        }
      }
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
