package vn.lienthong.client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.Business;
import vn.lienthong.core.edxml.Code;
import vn.lienthong.core.edxml.DocumentHeader;
import vn.lienthong.core.edxml.DocumentMessage;
import vn.lienthong.core.edxml.DocumentType;
import vn.lienthong.core.edxml.EdxmlWriter;
import vn.lienthong.core.edxml.EnvelopeSigner;
import vn.lienthong.core.edxml.ManifestEntry;
import vn.lienthong.core.edxml.Organization;
import vn.lienthong.core.edxml.OtherInfo;
import vn.lienthong.core.edxml.Priority;
import vn.lienthong.core.edxml.Promulgation;
import vn.lienthong.core.edxml.SignerInfo;
import vn.lienthong.core.edxml.StaffInfo;
import vn.lienthong.core.edxml.SteeringType;
import vn.lienthong.core.edxml.TraceHeader;
import vn.lienthong.core.files.PartFiles;
import vn.lienthong.core.organ.OrganId;

/**
 * The edXML metadata a clerk fills in for a document, written as an envelope signed with the
 * unit's key ({@link EdxmlWriter}). A builder is for one document on one thread.
 *
 * <pre>{@code
 * Path envelope = DocumentBuilder.from("000.00.00.H49", "UBND tỉnh Quảng Ninh", clock)
 *     .to("000.00.03.H49", "Sở Nội vụ").documentId("UBND-2026-0412")
 *     .code("412", "UBND-VP").type(1, "Công văn").subject("V/v ...")
 *     .signer("TM. ỦY BAN NHÂN DÂN", "Chủ tịch", "Phạm Văn A")
 *     .attach(Path.of("congvan.pdf"), "application/pdf", "Công văn")
 *     .write(signer, Path.of("congvan.edxml"));
 * }</pre>
 */
public final class DocumentBuilder {

  private final Organization from;
  private final Clock clock;
  private final List<Organization> to = new ArrayList<>();
  private final List<Attachment> files = new ArrayList<>();
  private String documentId;
  private Code code = new Code("", "");
  private String place = "";
  private LocalDate date;
  private DocumentType type = new DocumentType(1, 0, "Công văn");
  private String subject = "";
  private String content = "";
  private SignerInfo signer = new SignerInfo("", "", "");
  private LocalDate due;
  private Priority priority = Priority.NORMAL;
  private SteeringType steering = SteeringType.NOT_DIRECTIVE;
  private Business business = new Business.NewDocument("", "", false, StaffInfo.NONE);

  private DocumentBuilder(Organization from, Clock clock) {
    this.from = from;
    this.clock = clock;
  }

  /** A document of the unit {@code organId} named {@code organName}; {@code clock} dates it. */
  public static DocumentBuilder from(String organId, String organName, Clock clock) {
    return new DocumentBuilder(Organization.of(OrganId.of(organId), organName), Objects.requireNonNull(clock));
  }

  /** Adds a recipient. */
  public DocumentBuilder to(String organId, String organName) {
    to.add(Organization.of(OrganId.of(organId), organName));
    return this;
  }

  /** The document's identity, unique for this sender (a resend with the same one is idempotent). */
  public DocumentBuilder documentId(String id) {
    this.documentId = Objects.requireNonNull(id, "id");
    return this;
  }

  /** Số và ký hiệu: number and notation, e.g. {@code 412}, {@code UBND-VP}. */
  public DocumentBuilder code(String number, String notation) {
    this.code = new Code(number, notation);
    return this;
  }

  /** Where and when it is promulgated (unless set: today in Vietnam, UTC+07:00, by the clock). */
  public DocumentBuilder promulgated(String place, LocalDate date) {
    this.place = Objects.requireNonNull(place, "place");
    this.date = date;
    return this;
  }

  /** The document type code and name, e.g. {@code 1, "Công văn"}. */
  public DocumentBuilder type(int type, String name) {
    this.type = new DocumentType(type, 0, name);
    return this;
  }

  /** Trích yếu (at most 500 characters). */
  public DocumentBuilder subject(String subject) {
    this.subject = Objects.requireNonNull(subject, "subject");
    return this;
  }

  /** A short content summary (at most 500 characters). */
  public DocumentBuilder content(String content) {
    this.content = Objects.requireNonNull(content, "content");
    return this;
  }

  /** Who signs: competence (e.g. "TM. ỦY BAN NHÂN DÂN"), position, full name. */
  public DocumentBuilder signer(String competence, String position, String fullName) {
    this.signer = new SignerInfo(competence, position, fullName);
    return this;
  }

  /** Hạn xử lý. */
  public DocumentBuilder due(LocalDate dueDate) {
    this.due = dueDate;
    return this;
  }

  /** Độ khẩn. */
  public DocumentBuilder priority(Priority priority) {
    this.priority = Objects.requireNonNull(priority, "priority");
    return this;
  }

  /** Whether it is a directive. */
  public DocumentBuilder steering(SteeringType steering) {
    this.steering = Objects.requireNonNull(steering, "steering");
    return this;
  }

  /** Makes this the revocation of the already sent document {@link #documentId}. */
  public DocumentBuilder revocation(String reason) {
    this.business = new Business.Revocation("", reason, false, StaffInfo.NONE);
    return this;
  }

  /** Attaches a file (its SHA-256 goes into the signed manifest). */
  public DocumentBuilder attach(Path file, String contentType, String description) {
    String name = file.getFileName().toString();
    files.add(Attachment.of("cid:" + (files.size() + 1) + "-" + name, name, description, contentType, file));
    return this;
  }

  /** The message, unsigned (for inspection). */
  public DocumentMessage message() {
    if (documentId == null || to.isEmpty()) {
      throw new IllegalStateException("documentId and at least one recipient are required");
    }
    // today in Vietnam (edXML dates are Vietnam's), whatever the clock's zone: 01:30 on the 27th there
    // is the 26th in UTC
    LocalDate day = date != null ? date : LocalDate.ofInstant(clock.instant(), ZoneOffset.ofHours(7));
    DocumentHeader h = new DocumentHeader(from, to, documentId, code, new Promulgation(place, day), type, subject,
        content, signer, due, List.of(), new OtherInfo(priority, "", "", null, null, false, List.of()), List.of(),
        steering);
    List<ManifestEntry> manifest = files.stream()
        .map(a -> new ManifestEntry(a.contentId(), a.contentType(), a.description(), a.attachmentName(), a.sha256()))
        .toList();
    return new DocumentMessage(h, List.of(new TraceHeader(from.organId(), clock.instant())), business, manifest);
  }

  /** Writes the envelope signed by {@code signer} to {@code target} (streamed; attachments are not held in memory). */
  public Path write(EnvelopeSigner signer, Path target) {
    DocumentMessage m = message();
    EdxmlWriter writer = EdxmlWriter.signing(signer);
    return writeAtomically(target, out -> writer.write(m, new ArrayList<>(files), out));
  }

  /**
   * Writes the envelope whole or not at all (a {@code .part} file renamed over the target), not
   * forced to disk: the hub keeps what was sent (its evidence bundle holds the envelope), and an
   * fsync per document cost the load generator's clients about 5 ms of CPU per document cycle.
   */
  static Path writeAtomically(Path target, java.util.function.Consumer<OutputStream> body) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = PartFiles.create(dir, ".edxml-");
      try {
        try (OutputStream out = Files.newOutputStream(tmp)) {
          body.accept(out);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + PartFiles.reason(e), e);
    }
  }
}
