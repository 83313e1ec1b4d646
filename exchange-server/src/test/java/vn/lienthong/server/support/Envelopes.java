package vn.lienthong.server.support;

import jakarta.activation.DataHandler;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.cxf.attachment.ByteDataSource;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.Business;
import vn.lienthong.core.edxml.Code;
import vn.lienthong.core.edxml.DocumentHeader;
import vn.lienthong.core.edxml.DocumentMessage;
import vn.lienthong.core.edxml.DocumentType;
import vn.lienthong.core.edxml.EdxmlMessage;
import vn.lienthong.core.edxml.EdxmlWriter;
import vn.lienthong.core.edxml.EnvelopeSigner;
import vn.lienthong.core.edxml.ManifestEntry;
import vn.lienthong.core.edxml.Organization;
import vn.lienthong.core.edxml.OtherInfo;
import vn.lienthong.core.edxml.Promulgation;
import vn.lienthong.core.edxml.ResponseFor;
import vn.lienthong.core.edxml.SignerInfo;
import vn.lienthong.core.edxml.StaffInfo;
import vn.lienthong.core.edxml.StatusCode;
import vn.lienthong.core.edxml.StatusMessage;
import vn.lienthong.core.edxml.SteeringType;
import vn.lienthong.core.edxml.TraceHeader;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.pki.Credential;

/** Builds signed edXML envelopes for tests, as a unit's document system would. */
public final class Envelopes {

  private Envelopes() {}

  /** A new document (BussinessDocType 0). */
  public static DocumentMessage document(String from, String documentId, List<String> to, List<Attachment> files) {
    return document(from, documentId, to, files, new Business.NewDocument("", "", false, StaffInfo.NONE));
  }

  /** A document with a business block. */
  public static DocumentMessage document(String from, String documentId, List<String> to, List<Attachment> files,
      Business business) {
    return document(from, documentId, to, files, business, "V/v kiểm thử trục liên thông " + documentId);
  }

  /** A new document with its own subject. */
  public static DocumentMessage document(String from, String documentId, List<String> to, List<Attachment> files,
      String subject) {
    return document(from, documentId, to, files, new Business.NewDocument("", "", false, StaffInfo.NONE), subject);
  }

  private static DocumentMessage document(String from, String documentId, List<String> to, List<Attachment> files,
      Business business, String subject) {
    DocumentHeader h = new DocumentHeader(Organization.of(OrganId.of(from), "Đơn vị " + from),
        to.stream().map(t -> Organization.of(OrganId.of(t), "Đơn vị " + t)).toList(), documentId,
        new Code("12", "UBND-VP"), new Promulgation("Hạ Long", LocalDate.of(2026, 11, 26)),
        new DocumentType(1, 0, "Công văn"), subject, "Nội dung văn bản",
        new SignerInfo("TM. ỦY BAN NHÂN DÂN", "Chủ tịch", "Phạm Văn Mẫu"), null, List.of(), OtherInfo.NONE,
        List.of(), SteeringType.NOT_DIRECTIVE);
    List<ManifestEntry> manifest = files.stream().map(a -> new ManifestEntry(a.contentId(), a.contentType(),
        a.description(), a.attachmentName(), a.sha256())).toList();
    return new DocumentMessage(h, List.of(new TraceHeader(OrganId.of(from), Instant.parse("2026-11-26T01:00:00Z"))),
        business, manifest);
  }

  /** A status report from {@code from} about a document {@code sender} sent. */
  public static StatusMessage status(String from, String sender, String documentId, StatusCode code) {
    return new StatusMessage(Organization.of(OrganId.of(from), "Đơn vị " + from),
        new ResponseFor(OrganId.of(sender), "12/UBND-VP", LocalDate.of(2026, 11, 26), documentId),
        new StaffInfo("Văn thư", "Nguyễn Thị Văn Thư", "", ""), code, "Trạng thái " + code.code(),
        Instant.parse("2026-11-26T02:00:00Z"));
  }

  /**
   * A Decree 30 PDF attachment of about {@code size} bytes, signed by a person and sealed by
   * {@code from} (see {@link SignedPdfs}), copied into {@code dir}.
   */
  public static Attachment pdf(Path dir, String name, int size, long seed, String from) {
    Path p = SignedPdfs.copy(SignedPdfs.of(from, size, seed), dir, name + "-" + from + "-" + seed);
    return Attachment.of("cid:" + name, name, "Tệp " + name, "application/pdf", p);
  }

  /** An unsigned file that begins like a PDF (random bytes after the header): the hub refuses it. */
  public static Attachment file(Path dir, String name, int size, long seed) throws java.io.IOException {
    java.nio.file.Files.createDirectories(dir);
    Path p = dir.resolve(name + "-" + seed);
    byte[] bytes = new byte[size];
    new java.util.Random(seed).nextBytes(bytes);
    byte[] head = "%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, bytes, 0, Math.min(head.length, size));
    java.nio.file.Files.write(p, bytes);
    return Attachment.of("cid:" + name, name, "Tệp " + name, "application/pdf", p);
  }

  /** The envelope written and signed by {@code signer}'s key. */
  public static byte[] signed(EdxmlMessage message, List<Attachment> files, Credential signer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EdxmlWriter.signing(EnvelopeSigner.of(signer.privateKey(), signer.certificate())).write(message,
        new ArrayList<>(files), out);
    return out.toByteArray();
  }

  /** Signed with the sending unit's system key from the test PKI. */
  public static byte[] signed(EdxmlMessage message, List<Attachment> files) {
    return signed(message, files, TestPki.PKI.system(message.from().organId().value()));
  }

  /** As an MTOM attachment. */
  public static DataHandler handler(byte[] envelope) {
    return new DataHandler(new ByteDataSource(envelope, "application/octet-stream"));
  }
}
