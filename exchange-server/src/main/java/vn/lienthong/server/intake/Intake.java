package vn.lienthong.server.intake;

import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.core.edxml.Business;
import vn.lienthong.core.edxml.DocumentMessage;
import vn.lienthong.core.edxml.EdxmlException;
import vn.lienthong.core.edxml.EdxmlReader;
import vn.lienthong.core.edxml.Envelope;
import vn.lienthong.core.edxml.Organization;
import vn.lienthong.core.edxml.StatusMessage;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.auth.Caller;
import vn.lienthong.server.audit.AuditTrail;
import vn.lienthong.server.auth.Role;
import vn.lienthong.server.delivery.Ledger;
import vn.lienthong.server.delivery.MessageKind;
import vn.lienthong.server.delivery.MessageRecord;
import vn.lienthong.server.delivery.Messages;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.core.evidence.ReceiptDocument;
import vn.lienthong.server.evidence.AcceptedMessage;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.evidence.Receipt;
import vn.lienthong.server.routing.Address;
import vn.lienthong.server.routing.Resolution;
import vn.lienthong.server.routing.Router;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.PayloadStore;

/**
 * Accepts documents and statuses: stages the envelope on disk while hashing it, reads it with the
 * hardened edXML reader, runs the check chain, and only then stores. The write order is: payload
 * durable (fsync, rename, fsync directory), then one transaction (message, one delivery per
 * recipient, business effects, trace, audit, pending checks), then the receipt, then the evidence
 * hook. A refused message leaves nothing behind.
 */
public final class Intake {

  /** The most routing addresses one request may carry (each a unit, a subtree or a group). */
  static final int MAX_ADDRESSES = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
  private static final java.util.regex.Pattern SHA256_HEX = java.util.regex.Pattern.compile("[0-9a-f]{64}");

  private final Database db;
  private final PayloadStore payloads;
  private final Router router;
  private final List<IntakeCheck> checks;
  private final EvidenceHook evidence;
  private final Clock clock;
  private final RandomGenerator random;
  private final long maxEnvelopeBytes;
  private final AuditTrail trail;

  public Intake(Database db, PayloadStore payloads, Router router, List<IntakeCheck> checks, EvidenceHook evidence,
      Clock clock, RandomGenerator random, long maxEnvelopeBytes) {
    this.db = Objects.requireNonNull(db, "db");
    this.payloads = Objects.requireNonNull(payloads, "payloads");
    this.router = Objects.requireNonNull(router, "router");
    this.checks = List.copyOf(checks);
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.maxEnvelopeBytes = maxEnvelopeBytes;
    this.trail = new AuditTrail(db, clock);
  }

  /**
   * Accepts a document sent to its {@code To} plus {@code addresses}.
   *
   * @param envelopeSha256 the SHA-256 (lower-case hex) the sender declared for the envelope in the
   *     signed request; the bytes received must have it
   */
  public Receipt sendDocument(Caller caller, InputStream envelope, String envelopeSha256, List<String> addresses) {
    return accept(caller, MessageKind.DOCUMENT, envelope, envelopeSha256, addresses);
  }

  /** Accepts a status report; {@code envelopeSha256} as for {@link #sendDocument}. */
  public Receipt sendStatus(Caller caller, InputStream envelope, String envelopeSha256) {
    return accept(caller, MessageKind.STATUS, envelope, envelopeSha256, List.of());
  }

  private Receipt accept(Caller caller, MessageKind expected, InputStream in, String envelopeSha256,
      List<String> addressTexts) {
    try {
      return acceptOrRefuse(caller, expected, in, envelopeSha256, addressTexts);
    } catch (HubException e) {
      trail.recordRefusal(caller.unit().value(), "REJECT", null, expected + " " + e.error() + ": " + e.getMessage());
      throw e;
    }
  }

  private Receipt acceptOrRefuse(Caller caller, MessageKind expected, InputStream in, String envelopeSha256,
      List<String> addressTexts) {
    caller.require(Role.UNIT_SYSTEM);
    if (envelopeSha256 == null || !SHA256_HEX.matcher(envelopeSha256).matches()) {
      throw new HubException(HubError.INVALID_REQUEST, "Cần EnvelopeSha256 (SHA-256 của gói tin, 64 ký tự hex thường) "
          + "/ EnvelopeSha256 (the envelope's SHA-256, 64 lower-case hex digits) is required", "EnvelopeSha256");
    }
    if (addressTexts.size() > MAX_ADDRESSES) {
      throw new HubException(HubError.INVALID_REQUEST, "Quá nhiều địa chỉ / more than " + MAX_ADDRESSES
          + " addresses", "Address");
    }
    // each address once: 20 000 copies of one subtree were walked 20 000 times, before any check
    List<Address> addresses = List.copyOf(new java.util.LinkedHashSet<>(Router.parse(addressTexts)));
    PayloadStore.Staged staged = payloads.stage(in, maxEnvelopeBytes);
    Path work = payloads.newWorkDirectory();
    boolean committed = false;
    try {
      if (!staged.sha256().equals(envelopeSha256)) {
        throw new HubException(HubError.MANIFEST_MISMATCH, "Gói tin nhận được không khớp EnvelopeSha256 đã ký / the "
            + "envelope received does not have the SHA-256 declared in the signed request", "EnvelopeSha256");
      }
      Envelope envelope = read(staged, work);
      IntakeContext ctx = context(caller, expected, envelope, staged, addressTexts, addresses);
      List<ReceiptDocument.CheckEntry> findings = new ArrayList<>();
      List<PendingCheck> pending = new ArrayList<>();
      List<String> warnings = new ArrayList<>();
      for (IntakeCheck check : checks) {
        Verdict verdict = check.apply(ctx);
        if (verdict instanceof Verdict.AlreadyAccepted again) {
          db.awaitDurable(); // the original's commit may still be on its way to the disk
          return again.receipt();
        } else if (verdict instanceof Verdict.Deferred deferred) {
          pending.addAll(deferred.checks());
        } else if (verdict instanceof Verdict.Warning warning) {
          warnings.add(check.id() + ": " + warning.text());
        }
        findings.add(finding(check.id(), verdict));
      }
      payloads.commit(staged);
      committed = true;
      Receipt receipt = store(ctx, pending, warnings);
      if (!receipt.duplicate()) {
        notifyEvidence(new AcceptedMessage(receipt, envelope.attachments().stream().map(a ->
            new ReceiptDocument.FileDigest(a.attachmentName(), a.sha256())).toList(), findings));
      }
      return receipt;
    } finally {
      if (!committed) {
        payloads.discard(staged);
      }
      PayloadStore.deleteRecursively(work);
    }
  }

  /** What the signed receipt says about one check's verdict. */
  private static ReceiptDocument.CheckEntry finding(String check, Verdict verdict) {
    if (verdict instanceof Verdict.Noted n) {
      return new ReceiptDocument.CheckEntry(check, n.outcome(), n.detail());
    } else if (verdict instanceof Verdict.Deferred d) {
      return new ReceiptDocument.CheckEntry(check, "PENDING", d.checks().stream()
          .map(c -> c.attachment() + ": " + c.reason()).collect(java.util.stream.Collectors.joining("; ")));
    } else if (verdict instanceof Verdict.Warning w) {
      return new ReceiptDocument.CheckEntry(check, "WARNING", w.text());
    }
    return new ReceiptDocument.CheckEntry(check, "PASSED", "");
  }

  /**
   * The PDF checks of a document {@code sender} sent that could not complete at intake, with their
   * outcome (empty when every check completed at intake).
   */
  public List<PendingChecks.Row> signatureChecks(OrganId sender, String documentId) {
    return db.autoCommit(c -> {
      // the document and what its sender sent under the same DocumentId (a revocation, an update):
      // each carries attachments of its own
      List<PendingChecks.Row> rows = new ArrayList<>();
      for (long id : Messages.ids(c, sender, documentId)) {
        rows.addAll(PendingChecks.ofMessage(c, id));
      }
      return rows;
    });
  }

  private Envelope read(PayloadStore.Staged staged, Path work) {
    try {
      return EdxmlReader.builder().attachmentDirectory(work).maxAttachmentBytes(maxEnvelopeBytes).build()
          .read(staged.file());
    } catch (EdxmlException e) {
      HubError error = switch (e.code()) {
        case ATTACHMENT_DIGEST_MISMATCH, MANIFEST_MISMATCH -> HubError.MANIFEST_MISMATCH;
        case TOO_LONG, INVALID_ORGAN_ID, DUPLICATE_RECIPIENT, INVALID_CODE, MISSING_REFERENCE -> HubError.EDXML_RULE;
        case IO_ERROR -> HubError.UNAVAILABLE;
        default -> HubError.MALFORMED_ENVELOPE;
      };
      throw new HubException(error, e.getMessage(), e.field(), e);
    }
  }

  private IntakeContext context(Caller caller, MessageKind expected, Envelope envelope, PayloadStore.Staged staged,
      List<String> addressTexts, List<Address> addresses) {
    var message = envelope.message();
    Fingerprint fingerprint = Fingerprint.of(message, envelope.attachments(), addressTexts);
    String key = fingerprint.idempotencyKey();
    OrganId from = message.from().organId();
    // routing reads the registry with connections of its own: resolve before taking one here
    // (holding a connection while the router asks for another can exhaust the pool)
    Resolution resolution = null;
    if (message instanceof DocumentMessage d) {
      List<Address> extra = new ArrayList<>(addresses);
      // an update goes to the units it adds, a replacement to the units it names
      if (d.business() instanceof Business.Update u) {
        u.details().receivers().stream().filter(Business.ReceiverChange::added)
            .forEach(r -> extra.add(new Address.Unit(r.organId())));
      } else if (d.business() instanceof Business.Replacement r) {
        r.replaced().forEach(i -> i.organIds().forEach(o -> extra.add(new Address.Unit(o))));
      }
      resolution = router.resolve(from, d.header().to().stream().map(Organization::organId).toList(), extra);
    }
    Resolution resolved = resolution;
    return db.autoCommit(c -> {
      MessageRecord existing = Messages.byIdempotencyKey(c, from, key).orElse(null);
      Optional<String> legacyKey = fingerprint.legacyIdempotencyKey();
      if (existing == null && legacyKey.isPresent()) {
        existing = Messages.byIdempotencyKey(c, from, legacyKey.get()).orElse(null);
      }
      List<Reference> refs = new ArrayList<>();
      if (message instanceof DocumentMessage d) {
        for (Reference r : businessReferences(d)) {
          refs.add(find(c, r, caller.unit()));
        }
      } else {
        StatusMessage s = (StatusMessage) message;
        refs.add(find(c, Reference.wanted(s.responseFor().documentId(), s.responseFor().organId(), List.of()),
            caller.unit()));
      }
      return new IntakeContext(caller, expected, envelope, staged, fingerprint, existing, resolved, refs);
    });
  }

  private static List<Reference> businessReferences(DocumentMessage d) {
    OrganId from = d.from().organId();
    Business b = d.business();
    if (b instanceof Business.Revocation) {
      String target = b.documentId().isEmpty() ? d.header().documentId() : b.documentId();
      return List.of(Reference.wanted(target, from, List.of()));
    }
    if (b instanceof Business.Update) {
      return List.of(Reference.wanted(b.documentId(), from, List.of()));
    }
    if (b instanceof Business.Replacement r) {
      return r.replaced().stream().map(i -> Reference.wanted(i.documentId(), from, i.organIds())).toList();
    }
    return List.of();
  }

  private static Reference find(Connection c, Reference r, OrganId caller) throws SQLException {
    MessageRecord found = Messages.document(c, r.sender(), r.documentId()).orElse(null);
    boolean received = found != null && Ledger.received(c, found.id(), caller);
    boolean revoked = found != null && Ledger.isRevoked(c, found.id());
    return new Reference(r.documentId(), r.sender(), found, received, revoked, r.organIds());
  }

  private Receipt store(IntakeContext ctx, List<PendingCheck> pending, List<String> warnings) {
    MessageRecord record = Acceptance.record(ctx, clock.instant(), newReceiptId());
    try {
      return db.inTransaction(c -> {
        MessageRecord m;
        try {
          m = Messages.insert(c, record, ctx.fingerprint().idempotencyKey());
        } catch (SQLException e) {
          if (Database.isUniqueViolation(e)) {
            throw new RaceLost();
          }
          throw e;
        }
        int delivered = Acceptance.apply(c, ctx, m);
        for (String warning : warnings) {
          Ledger.audit(c, m.receivedAt(), ctx.caller().unit(), "WARNING", m.id(), Recheck.cut(warning, 1900));
        }
        if (!pending.isEmpty()) {
          PendingChecks.insert(c, m.id(), pending, m.receivedAt());
          Ledger.audit(c, m.receivedAt(), ctx.caller().unit(), "CHECK_PENDING", m.id(), Recheck.cut(pending.size()
              + " PDF signature check(s) pending: " + pending.get(0).attachment() + ": " + pending.get(0).reason(), 1900));
        }
        return new Receipt(m.receiptId(), m.id(), m.kind().name(), m.sender(), m.documentId(), m.payloadSha256(),
            m.receivedAt(), delivered, false);
      });
    } catch (RaceLost e) {
      // the same key was accepted concurrently (another poller or another hub process)
      MessageRecord winner = db.autoCommit(c -> Messages.byIdempotencyKey(c, record.sender(), ctx.fingerprint().idempotencyKey()))
          .orElseThrow(() -> new HubException(HubError.UNAVAILABLE, ""));
      if (ctx.fingerprint().matches(winner.fingerprint())) {
        db.awaitDurable();
        return winner.receipt().asDuplicate();
      }
      throw IntakeChecks.conflict(winner.documentId());
    }
  }

  private void notifyEvidence(AcceptedMessage accepted) {
    Receipt receipt = accepted.receipt();
    try {
      evidence.accepted(accepted);
    } catch (RuntimeException e) {
      LOG.warn("Evidence hook failed for message {} (stored and acknowledged; the audit row holds it)",
          receipt.messageId(), e);
    }
  }

  private String newReceiptId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Another transaction took the idempotency key first. */
  private static final class RaceLost extends RuntimeException {
    RaceLost() {
      super(null, null, false, false);
    }
  }
}
