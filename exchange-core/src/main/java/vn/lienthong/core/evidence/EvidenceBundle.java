package vn.lienthong.core.evidence;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.w3c.dom.Element;
import vn.lienthong.core.pki.DigestAlgorithm;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.TimeStampClient;

/**
 * The evidence bundle of a message: a ZIP of the message's envelope as received, its attachments'
 * digests, the hub's signed receipts and delivery evidence, the intake report, the status
 * envelopes and the hub's certificates, plus {@value #INDEX}: the list of every file with its
 * SHA-256, sealed by the hub (CAdES-T) when the bundle is made.
 *
 * <p>The ZIP is <b>canonical</b>: entries stored (not compressed) in index order, a fixed time,
 * no comments or extra fields, so that its bytes are a function of the file names and contents
 * alone. {@link EvidenceVerifier} writes the canonical form again and compares: any changed byte,
 * in a file or in the ZIP's own structure, is found.
 */
public final class EvidenceBundle {

  /** The sealed index (CMS with the {@link EvidenceIndex} encapsulated); always the last entry. */
  public static final String INDEX = "index.p7s";
  public static final String ENVELOPE = "envelope.edxml";
  public static final String ATTACHMENTS = "attachments.xml";
  public static final String RECEIPT = "receipt.p7s";
  public static final String INTAKE_REPORT = "intake-report.xml";
  public static final String CERTIFICATES = "certificates/hub-chain.pem";
  /** The envelope signer's certificate and its CAs (PEM), for the signer's chain check. */
  public static final String ENVELOPE_SIGNER_CERTIFICATES = "certificates/envelope-signer.pem";
  /** The seal certificate's OCSP response (DER), fetched when the bundle is sealed. */
  public static final String SEAL_OCSP = "revocation/hub-seal.ocsp";
  /** The seal certificate's CRL (DER), when its CA answered with a CRL rather than OCSP. */
  public static final String SEAL_CRL = "revocation/hub-seal.crl";

  /**
   * The name of the OCSP response or CRL (DER) about the seal's CA {@code level} steps up its path
   * (1: the CA that issued the seal's certificate), below the trust anchor.
   */
  public static String sealCaRevocationName(int level, boolean ocsp) {
    if (level < 1) {
      throw new IllegalArgumentException("a CA above the seal's certificate: level 1 or more, was " + level);
    }
    return "revocation/hub-seal-ca-" + level + (ocsp ? ".ocsp" : ".crl");
  }

  /** Names the bundle accepts: plain relative paths. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}(/[A-Za-z0-9_][A-Za-z0-9._-]{0,99}){0,2}");
  private static final LocalDateTime ZIP_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

  /** Opens a part's bytes, each time anew. */
  @FunctionalInterface
  public interface Source {
    InputStream open() throws IOException;
  }

  /** One file of a bundle. */
  public record Part(String name, EvidenceIndex.Role role, Source source) {
    public Part {
      requireNonNull(name, "name");
      requireNonNull(role, "role");
      requireNonNull(source, "source");
      if (!NAME.matcher(name).matches() || name.contains("..") || name.equals(INDEX)) {
        throw new IllegalArgumentException("Not a bundle file name: " + name);
      }
    }

    /** A part held in memory. */
    public static Part of(String name, EvidenceIndex.Role role, byte[] bytes) {
      byte[] copy = bytes.clone();
      return new Part(name, role, () -> new ByteArrayInputStream(copy));
    }
  }

  private EvidenceBundle() {}

  /** The name of a recipient's delivery evidence. */
  public static String deliveryName(String organId) {
    return "delivery/" + organId + ".p7s";
  }

  /** The name of a status envelope. */
  public static String statusName(long messageId) {
    return "status/" + messageId + ".edxml";
  }

  /** The name of a unit's status envelope's signer certificate and its CAs (PEM). */
  public static String statusSignerCertificatesName(long messageId) {
    return "certificates/status-" + messageId + "-signer.pem";
  }

  /** The name of a status envelope's receipt. */
  public static String statusReceiptName(long messageId) {
    return "status/" + messageId + ".receipt.p7s";
  }

  /**
   * Writes the bundle of {@code messageId}: digests every part, seals and time-stamps the index,
   * then writes the canonical ZIP (each part read twice, streamed).
   *
   * @throws PkiException TSA_UNAVAILABLE when the index cannot be time-stamped
   */
  public static void write(OutputStream out, long messageId, List<Part> parts, EvidenceSeal seal,
      TimeStampClient tsa, Instant now) throws IOException, PkiException {
    Set<String> names = new HashSet<>();
    List<EvidenceIndex.Entry> entries = new ArrayList<>();
    List<Stored> stored = new ArrayList<>();
    for (Part p : parts) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("Twice in the bundle: " + p.name());
      }
      Stored s = Stored.of(p.name(), p.source());
      stored.add(s);
      entries.add(new EvidenceIndex.Entry(p.name(), s.sha256, s.size, p.role()));
    }
    byte[] index = seal.signStamped(new EvidenceIndex(messageId, now, entries).toXml(), tsa);
    stored.add(Stored.of(INDEX, () -> new ByteArrayInputStream(index)));
    writeCanonical(out, stored);
  }

  /** A file's digests and size, read once. */
  record Stored(String name, long size, long crc, String sha256, Source source) {
    static Stored of(String name, Source source) throws IOException {
      MessageDigest sha = DigestAlgorithm.SHA256.newDigest();
      CRC32 crc = new CRC32();
      long size = 0;
      try (InputStream in = source.open()) {
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) > 0; ) {
          sha.update(buf, 0, n);
          crc.update(buf, 0, n);
          size += n;
        }
      }
      return new Stored(name, size, crc.getValue(), HexFormat.of().formatHex(sha.digest()), source);
    }
  }

  /** The canonical ZIP of these files, in this order. */
  static void writeCanonical(OutputStream out, List<Stored> files) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(new NonClosing(out));
    zip.setMethod(ZipOutputStream.STORED);
    for (Stored f : files) {
      ZipEntry e = new ZipEntry(f.name());
      e.setMethod(ZipEntry.STORED);
      e.setTimeLocal(ZIP_TIME);
      e.setSize(f.size());
      e.setCompressedSize(f.size());
      e.setCrc(f.crc());
      zip.putNextEntry(e);
      try (InputStream in = f.source().open()) {
        in.transferTo(zip);
      }
      zip.closeEntry();
    }
    zip.finish();
  }

  /** The attachments' digests as a file of the bundle ({@value #ATTACHMENTS}). */
  public static byte[] attachmentManifest(long messageId, List<ReceiptDocument.FileDigest> attachments) {
    EvidenceXml x = new EvidenceXml().root("AttachmentManifest").text("MessageId", messageId);
    attachments.forEach(a -> x.element("Attachment", null, "name", a.name(), "sha256", a.sha256()));
    return x.close("AttachmentManifest").bytes();
  }

  /** Reads {@value #ATTACHMENTS}. @throws IllegalArgumentException when it is not one */
  public static List<ReceiptDocument.FileDigest> parseAttachmentManifest(byte[] xml) {
    Element r = EvidenceXml.parse(xml, "AttachmentManifest");
    return EvidenceXml.children(r, "Attachment").stream().map(a -> new ReceiptDocument.FileDigest(
        EvidenceXml.attribute(a, "name"), EvidenceXml.attribute(a, "sha256"))).toList();
  }

  /** The intake checks as a file of the bundle ({@value #INTAKE_REPORT}). */
  public static byte[] intakeReport(long messageId, List<ReceiptDocument.CheckEntry> checks) {
    EvidenceXml x = new EvidenceXml().root("IntakeReport").text("MessageId", messageId);
    checks.forEach(c -> x.element("Check", c.detail(), "id", c.check(), "outcome", c.outcome()));
    return x.close("IntakeReport").bytes();
  }

  /** Reads {@value #INTAKE_REPORT}. @throws IllegalArgumentException when it is not one */
  public static List<ReceiptDocument.CheckEntry> parseIntakeReport(byte[] xml) {
    Element r = EvidenceXml.parse(xml, "IntakeReport");
    return EvidenceXml.children(r, "Check").stream().map(c -> new ReceiptDocument.CheckEntry(
        EvidenceXml.attribute(c, "id"), EvidenceXml.attribute(c, "outcome"), c.getTextContent())).toList();
  }

  /** Lets a ZIP be finished without closing the stream under it. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
