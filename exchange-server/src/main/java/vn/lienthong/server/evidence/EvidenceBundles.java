package vn.lienthong.server.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import vn.lienthong.core.edxml.EdxmlReader;
import vn.lienthong.core.edxml.EnvelopeVerifier;
import vn.lienthong.core.edxml.VerificationResult;
import vn.lienthong.core.evidence.EvidenceBundle;
import vn.lienthong.core.evidence.EvidenceIndex.Role;
import vn.lienthong.core.evidence.EvidenceSeal;
import vn.lienthong.core.evidence.ReceiptDocument;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.RevocationClient;
import vn.lienthong.core.pki.RevocationEvidence;
import vn.lienthong.core.pki.ValidationDataCollector;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.auth.Caller;
import vn.lienthong.server.delivery.Ledger;
import vn.lienthong.server.delivery.MessageKind;
import vn.lienthong.server.delivery.MessageRecord;
import vn.lienthong.server.delivery.Messages;
import vn.lienthong.server.delivery.Tracking;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.store.Database;

/**
 * Makes a message's evidence bundle (core's {@link EvidenceBundle}) for its sender, its recipients
 * and auditors: the envelope as stored, the attachments' digests and the intake checks from the
 * signed receipt, the receipt, each recipient's delivery evidence, the status envelopes about the
 * document with their receipts, the chains of the envelope's and the statuses' signers, the seal's
 * certificates and the seal certificate's revocation
 * status fetched now (OCSP, else CRL, verified by core's {@link RevocationClient}); the index sealed
 * and time-stamped now. A seal its CA says is revoked seals nothing.
 * Anyone else is told exactly what a caller asking for a message that does not exist is told.
 */
public final class EvidenceBundles {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EvidenceBundles.class);
  /** The connect and read timeout of the caIssuers downloads. */
  private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(5);

  /** The one answer for "no such message" and "not yours": the two must not be told apart. */
  static final String UNKNOWN = "Không có thông điệp này, hoặc đơn vị không được xem chứng cứ của nó / no such "
      + "message, or not one the caller may see the evidence of";

  private final Database db;
  private final Tracking tracking;
  private final EvidenceService evidence;
  private final Path tmp;
  private final Clock clock;
  private final RevocationClient revocation;

  /** @param revocation asks the seal certificate's CA for its status when a bundle is sealed */
  public EvidenceBundles(Database db, Tracking tracking, EvidenceService evidence, Path tmp,
      Clock clock, RevocationClient revocation) {
    this.revocation = Objects.requireNonNull(revocation, "revocation");
    this.db = Objects.requireNonNull(db, "db");
    this.tracking = Objects.requireNonNull(tracking, "tracking");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.tmp = Objects.requireNonNull(tmp, "tmp");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Writes the bundle of {@code messageId} into a temporary file and answers it; the caller
   * deletes it.
   *
   * @throws HubException UNKNOWN_MESSAGE (no such message, or not the caller's to see),
   *     UNAVAILABLE (the TSA or the seal's OCSP/CRL does not answer, or the seal is revoked)
   */
  public Path bundle(Caller caller, long messageId) {
    MessageRecord m = db.autoCommit(c -> {
      MessageRecord found = Messages.byId(c, messageId).orElse(null);
      boolean allowed = found != null && (found.sender().equals(caller.unit())
          || Ledger.received(c, messageId, caller.unit()) || caller.has(vn.lienthong.server.auth.Role.AUDITOR));
      return allowed ? found : null;
    });
    if (m == null) {
      throw new HubException(HubError.UNKNOWN_MESSAGE, UNKNOWN, "MessageId");
    }
    // a recipient's bundle holds its own delivery evidence and statuses (and the sender's 13s to it),
    // not other recipients': those are the sender's and the auditors' to see, as in GetTraces
    OrganId only = m.sender().equals(caller.unit()) || caller.has(vn.lienthong.server.auth.Role.AUDITOR) ? null
        : caller.unit();
    byte[] receipt = receiptOf(messageId);
    ReceiptDocument doc = ReceiptDocument.parse(EvidenceSeal.content(receipt));
    List<EvidenceBundle.Part> parts = new ArrayList<>();
    parts.add(new EvidenceBundle.Part(EvidenceBundle.ENVELOPE, Role.ENVELOPE,
        () -> tracking.payload(m).getInputStream()));
    parts.add(EvidenceBundle.Part.of(EvidenceBundle.ATTACHMENTS, Role.ATTACHMENTS,
        EvidenceBundle.attachmentManifest(messageId, doc.attachments())));
    parts.add(EvidenceBundle.Part.of(EvidenceBundle.RECEIPT, Role.RECEIPT, receipt));
    parts.add(EvidenceBundle.Part.of(EvidenceBundle.INTAKE_REPORT, Role.INTAKE_REPORT,
        EvidenceBundle.intakeReport(messageId, doc.checks())));
    deliveries(messageId, only, parts);
    statuses(m, only, parts);
    parts.add(EvidenceBundle.Part.of(EvidenceBundle.CERTIFICATES, Role.CERTIFICATES, pem(evidence.seal().chain())));
    signerChain(m, EvidenceBundle.ENVELOPE_SIGNER_CERTIFICATES).ifPresent(parts::add);
    parts.addAll(sealRevocation());
    try {
      Files.createDirectories(tmp);
      Path file = Files.createTempFile(tmp, "evidence-", ".zip");
      try (OutputStream out = Files.newOutputStream(file)) {
        EvidenceBundle.write(out, messageId, parts, evidence.seal(), evidence.tsa(), clock.instant());
      } catch (IOException | PkiException | RuntimeException e) {
        Files.deleteIfExists(file);
        throw e;
      }
      return file;
    } catch (PkiException e) {
      throw new HubException(HubError.UNAVAILABLE, "Không lấy được dấu thời gian, hãy thử lại / the time-stamp "
          + "authority does not answer, retry later", null, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The signer's certificate of {@code m}'s envelope and its CAs (those the hub lacks fetched from
   * caIssuers), as the file {@code name}, for the verifier's chain check; empty for an envelope
   * without a readable signature (the verifier reports that).
   */
  private Optional<EvidenceBundle.Part> signerChain(MessageRecord m, String name) {
    X509Certificate signer;
    try (InputStream in = tracking.payload(m).getInputStream()) {
      signer = StoredSigner.of(in).orElseGet(() -> verifiedSigner(m));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (signer == null) {
      return Optional.empty();
    }
    try {
      List<X509Certificate> chain = new ValidationDataCollector(revocation, TIMEOUT).chain(signer,
          evidence.seal().chain());
      return Optional.of(EvidenceBundle.Part.of(name, Role.CERTIFICATES, pem(chain)));
    } catch (PkiException e) {
      throw new HubException(HubError.UNAVAILABLE, "Chưa dựng được chuỗi chứng thư của người ký gói tin, hãy thử lại "
          + "/ the envelope signer's chain cannot be completed now (caIssuers unreachable), retry later", null, e);
    }
  }

  /** The signer as the envelope verifier finds it, reading the whole envelope; null when it has none. */
  private X509Certificate verifiedSigner(MessageRecord m) {
    Path attachments = null;
    try (InputStream in = tracking.payload(m).getInputStream()) {
      Files.createDirectories(tmp);
      attachments = Files.createTempDirectory(tmp, "signer-");
      VerificationResult v = EnvelopeVerifier.create().verify(
          EdxmlReader.builder().attachmentDirectory(attachments).build().read(in));
      return v instanceof VerificationResult.Valid ok ? ok.signer()
          : v instanceof VerificationResult.Legacy legacy ? legacy.signer() : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      LOG.warn("The envelope of message {} cannot be read for its signer: {}", m.id(), e.getMessage());
      return null;
    } finally {
      deleteRecursively(attachments);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Temporary directory {} not deleted: {}", dir, e.getMessage());
    }
  }

  /**
   * The revocation status, now, of the seal's certificate and of each CA above it in its chain up
   * to the self-signed root (or the last CA whose issuer the chain holds): a verified OCSP response
   * (or CRL) saying GOOD for each.
   */
  private List<EvidenceBundle.Part> sealRevocation() {
    List<X509Certificate> chain = evidence.seal().chain();
    List<EvidenceBundle.Part> out = new ArrayList<>();
    X509Certificate cert = chain.get(0);
    for (int level = 0; level < chain.size() && !selfIssued(cert); level++) {
      X509Certificate issuer = issuerIn(chain, cert);
      if (issuer == null && level == 0) {
        throw new HubException(HubError.UNAVAILABLE, "Chuỗi chứng thư niêm phong thiếu CA cấp, không kiểm tra được "
            + "thu hồi / the seal's chain lacks its issuing CA: its revocation cannot be checked", null);
      }
      if (issuer == null) {
        break;
      }
      RevocationEvidence status = status(cert, issuer);
      boolean ocsp = status.kind() == RevocationEvidence.Kind.OCSP;
      String name = level == 0 ? (ocsp ? EvidenceBundle.SEAL_OCSP : EvidenceBundle.SEAL_CRL)
          : EvidenceBundle.sealCaRevocationName(level, ocsp);
      out.add(EvidenceBundle.Part.of(name, Role.SEAL_REVOCATION, status.encoded()));
      cert = issuer;
    }
    return out;
  }

  private static X509Certificate issuerIn(List<X509Certificate> chain, X509Certificate cert) {
    return chain.stream().filter(c -> c.getSubjectX500Principal().equals(cert.getIssuerX500Principal()))
        .findFirst().orElse(null);
  }

  private static boolean selfIssued(X509Certificate c) {
    return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
  }

  /** {@code cert}'s status from its CA; revoked or unknown: nothing is sealed. */
  private RevocationEvidence status(X509Certificate cert, X509Certificate issuer) {
    try {
      return revocation.check(cert, issuer);
    } catch (PkiException e) {
      String who = cert.getSubjectX500Principal().getName();
      if (e.reason() == PkiException.Reason.REVOKED) {
        LOG.error("{} on the hub's seal chain is revoked; no evidence bundle is sealed with it: {}", who,
            e.getMessage());
        throw new HubException(HubError.UNAVAILABLE, "Chứng thư niêm phong của trục (hoặc CA cấp nó) đã bị thu hồi, "
            + "trục không niêm phong chứng cứ bằng nó / the hub's seal certificate or a CA above it is revoked: it "
            + "seals no evidence", null, e);
      }
      throw new HubException(HubError.UNAVAILABLE, "Chưa lấy được trạng thái thu hồi của chuỗi chứng thư niêm phong "
          + "(OCSP/CRL), hãy thử lại / the revocation status of the seal's chain cannot be fetched now (" + who
          + "), retry later", null, e);
    }
  }

  /** The message's receipt, time-stamped (pending stamps are tried first). */
  private byte[] receiptOf(long messageId) {
    byte[] receipt = evidence.signedReceipt(messageId).orElseThrow(() -> new HubException(HubError.UNAVAILABLE,
        "Biên nhận của thông điệp chưa được ký / the message's receipt is not signed yet", "MessageId"));
    if (!EvidenceSeal.isTimestamped(receipt)) {
      evidence.stampPending();
      receipt = evidence.signedReceipt(messageId).orElseThrow();
      if (!EvidenceSeal.isTimestamped(receipt)) {
        throw new HubException(HubError.UNAVAILABLE, "Biên nhận đang chờ dấu thời gian, hãy thử lại / the receipt "
            + "waits for its time stamp, retry later", "MessageId");
      }
    }
    return receipt;
  }

  /** The delivery evidence of every recipient, or of {@code only}'s copy when not null. */
  private void deliveries(long messageId, OrganId only, List<EvidenceBundle.Part> parts) {
    List<Object[]> rows = db.autoCommit(c -> {
      List<Object[]> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT recipient, cms FROM evidence_delivery WHERE message_id = ?"
          + (only == null ? "" : " AND recipient = ?") + " ORDER BY recipient")) {
        ps.setLong(1, messageId);
        if (only != null) {
          ps.setString(2, only.value());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Object[] {rs.getString(1), rs.getBytes(2)});
          }
        }
      }
      return out;
    });
    for (Object[] r : rows) {
      parts.add(EvidenceBundle.Part.of(EvidenceBundle.deliveryName((String) r[0]), Role.DELIVERY, (byte[]) r[1]));
    }
  }

  /**
   * The statuses about a document: all of them, or when {@code only} is not null those {@code only}
   * reported (the hub's 01 for it included) and those the sender sent (13).
   */
  private void statuses(MessageRecord document, OrganId only, List<EvidenceBundle.Part> parts) {
    if (document.kind() != MessageKind.DOCUMENT) {
      return;
    }
    List<Long> ids = db.autoCommit(c -> {
      List<Long> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM message WHERE about_message_id = ? AND kind = "
          + "'STATUS'" + (only == null ? "" : " AND sender IN (?, ?)") + " ORDER BY id")) {
        ps.setLong(1, document.id());
        if (only != null) {
          ps.setString(2, only.value());
          ps.setString(3, document.sender().value());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getLong(1));
          }
        }
      }
      return out;
    });
    for (long id : ids) {
      MessageRecord s = db.autoCommit(c -> Messages.byId(c, id)).orElseThrow();
      boolean hub = "HUB".equals(s.origin());
      parts.add(new EvidenceBundle.Part(EvidenceBundle.statusName(id), hub ? Role.STATUS_HUB : Role.STATUS_UNIT,
          () -> tracking.payload(s).getInputStream()));
      if (!hub) {
        signerChain(s, EvidenceBundle.statusSignerCertificatesName(id)).ifPresent(parts::add);
      }
      evidence.signedReceipt(id).ifPresent(r -> parts.add(EvidenceBundle.Part.of(EvidenceBundle.statusReceiptName(id),
          Role.STATUS_RECEIPT, r)));
    }
  }

  private static byte[] pem(List<X509Certificate> chain) {
    StringBuilder b = new StringBuilder();
    Base64.Encoder enc = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    for (X509Certificate c : chain) {
      try {
        b.append("-----BEGIN CERTIFICATE-----\n").append(enc.encodeToString(c.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
