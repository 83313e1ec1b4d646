package vn.lienthong.core.evidence;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The list of an evidence bundle's files with their digests, sealed by the hub when the bundle is
 * made (element {@code EvidenceIndex} of {@code evidence.xsd}).
 *
 * @param messageId the message the bundle is about
 * @param files every file of the bundle but the sealed index itself, in bundle order
 */
public record EvidenceIndex(long messageId, Instant sealedAt, List<Entry> files) {

  /** What a file is for; the verifier checks each role its own way. */
  public enum Role {
    /** The message's envelope as received. */
    ENVELOPE,
    /** The attachments' names and digests. */
    ATTACHMENTS,
    /** The hub's signed receipt of the message. */
    RECEIPT,
    /** Signed delivery evidence of one recipient. */
    DELIVERY,
    /** The intake checks' report. */
    INTAKE_REPORT,
    /** A status envelope signed by a unit. */
    STATUS_UNIT,
    /** A status the hub wrote on a recipient's behalf (01), attested by its receipt. */
    STATUS_HUB,
    /** The hub's signed receipt of a status envelope. */
    STATUS_RECEIPT,
    /** The hub's seal certificate chain (PEM). */
    CERTIFICATES,
    /** The seal certificate's revocation status when the bundle was sealed (OCSP response or CRL, DER). */
    SEAL_REVOCATION
  }

  /** One file: name in the bundle, SHA-256 (hex), size in bytes and role. */
  public record Entry(String name, String sha256, long size, Role role) {
    public Entry {
      requireNonNull(name, "name");
      requireNonNull(sha256, "sha256");
      requireNonNull(role, "role");
    }
  }

  public EvidenceIndex {
    sealedAt = requireNonNull(sealedAt, "sealedAt").truncatedTo(ChronoUnit.MILLIS);
    files = List.copyOf(files);
  }

  /** The canonical XML. */
  public byte[] toXml() {
    EvidenceXml x = new EvidenceXml().root("EvidenceIndex").text("MessageId", messageId).text("SealedAt", sealedAt);
    files.forEach(f -> x.element("File", null, "name", f.name(), "sha256", f.sha256(), "size",
        String.valueOf(f.size()), "role", f.role().name()));
    return x.close("EvidenceIndex").bytes();
  }

  /** Reads an index. @throws IllegalArgumentException when it is not one */
  public static EvidenceIndex parse(byte[] xml) {
    Element r = EvidenceXml.parse(xml, "EvidenceIndex");
    return new EvidenceIndex(Long.parseLong(EvidenceXml.text(r, "MessageId")), EvidenceXml.time(r, "SealedAt"),
        EvidenceXml.children(r, "File").stream().map(f -> new Entry(EvidenceXml.attribute(f, "name"),
            EvidenceXml.attribute(f, "sha256"), Long.parseLong(EvidenceXml.attribute(f, "size")),
            Role.valueOf(EvidenceXml.attribute(f, "role")))).toList());
  }
}
