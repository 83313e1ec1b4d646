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

  private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

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

  /** Accepts a document sent to its {@code To} plus {@code addresses}. */
  public Receipt sendDocument(Caller caller, InputStream envelope, List<String> addresses) {
    return accept(caller, MessageKind.DOCUMENT, envelope, addresses);
  }

  /** Accepts a status report. */
  public Receipt sendStatus(Caller caller, InputStream envelope) {
    return accept(caller, MessageKind.STATUS, envelope, List.of());
  }

  private Receipt accept(Caller caller, MessageKind expected, InputStream in, List<String> addressTexts) {
    try {
      return acceptOrRefuse(caller, expected, in, addressTexts);
    } catch (HubException e) {
      trail.record(caller.unit().value(), "REJECT", null, expected + " " + e.error() + ": " + e.getMessage());
      throw e;
    }
  }

  private Receipt acceptOrRefuse(Caller caller, MessageKind expected, InputStream in, List<String> addressTexts) {
    caller.require(Role.UNIT_SYSTEM);
    List<Address> addresses = Router.parse(addressTexts);
    PayloadStore.Staged staged = payloads.stage(in, maxEnvelopeBytes);
    Path work = payloads.newWorkDirectory();
    boolean committed = false;
    try {
      Envelope envelope = read(staged, work);
      IntakeContext ctx = context(caller, expected, envelope, staged, addressTexts, addresses);
      List<PendingCheck> pending = new ArrayList<>();
      List<String> warnings = new ArrayList<>();
      for (IntakeCheck check : checks) {
        Verdict verdict = check.apply(ctx);
        if (verdict instanceof Verdict.AlreadyAccepted again) {
          return again.receipt();
        } else if (verdict instanceof Verdict.Deferred deferred) {
          pending.addAll(deferred.checks());
        } else if (verdict instanceof Verdict.Warning warning) {
          warnings.add(check.id() + ": " + warning.text());
        }
      }
      payloads.commit(staged);
      committed = true;
      Receipt receipt = store(ctx, pending, warnings);
      if (!receipt.duplicate()) {
        notifyEvidence(receipt);
      }
      return receipt;
    } finally {
      if (!committed) {
        payloads.discard(staged);
      }
      PayloadStore.deleteRecursively(work);
    }
  }

  /**
   * The PDF checks of a document {@code sender} sent that could not complete at intake, with their
   * outcome (empty when every check completed at intake).
   */
  public List<PendingChecks.Row> signatureChecks(OrganId sender, String documentId) {
    return db.autoCommit(c -> {
      MessageRecord m = Messages.document(c, sender, documentId).orElse(null);
      return m == null ? List.<PendingChecks.Row>of() : PendingChecks.ofMessage(c, m.id());
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
    String fingerprint = Fingerprints.fingerprint(message, envelope.attachments(), addressTexts);
    String key = Fingerprints.idempotencyKey(message, fingerprint);
    OrganId from = message.from().organId();
    // routing reads the registry with connections of its own: resolve before taking one here
    // (holding a connection while the router asks for another can exhaust the pool)
    Resolution resolution = null;
    if (message instanceof DocumentMessage d) {
      List<Address> extra = new ArrayList<>(addresses);
      if (d.business() instanceof Business.Update u) {
        u.details().receivers().stream().filter(Business.ReceiverChange::added)
            .forEach(r -> extra.add(new Address.Unit(r.organId())));
      }
      resolution = router.resolve(from, d.header().to().stream().map(Organization::organId).toList(), extra);
    }
    Resolution resolved = resolution;
    return db.autoCommit(c -> {
      MessageRecord existing = Messages.byIdempotencyKey(c, from, key).orElse(null);
      List<Reference> refs = new ArrayList<>();
      if (message instanceof DocumentMessage d) {
        for (Reference r : businessReferences(d)) {
          refs.add(find(c, r, caller.unit()));
        }
      } else {
        StatusMessage s = (StatusMessage) message;
        refs.add(find(c, new Reference(s.responseFor().documentId(), s.responseFor().organId(), null, false,
            List.of()), caller.unit()));
      }
      return new IntakeContext(caller, expected, envelope, staged, fingerprint, key, existing, resolved, refs);
    });
  }

  private static List<Reference> businessReferences(DocumentMessage d) {
    OrganId from = d.from().organId();
    Business b = d.business();
    if (b instanceof Business.Revocation) {
      String target = b.documentId().isEmpty() ? d.header().documentId() : b.documentId();
      return List.of(new Reference(target, from, null, false, List.of()));
    }
    if (b instanceof Business.Update) {
      return List.of(new Reference(b.documentId(), from, null, false, List.of()));
    }
    if (b instanceof Business.Replacement r) {
      return r.replaced().stream().map(i -> new Reference(i.documentId(), from, null, false, i.organIds())).toList();
    }
    return List.of();
  }

  private static Reference find(Connection c, Reference r, OrganId caller) throws SQLException {
    MessageRecord found = Messages.document(c, r.sender(), r.documentId()).orElse(null);
    boolean received = found != null && Ledger.received(c, found.id(), caller);
    return new Reference(r.documentId(), r.sender(), found, received, r.organIds());
  }

  private Receipt store(IntakeContext ctx, List<PendingCheck> pending, List<String> warnings) {
    MessageRecord record = Acceptance.record(ctx, clock.instant(), newReceiptId());
    try {
      return db.inTransaction(c -> {
        MessageRecord m;
        try {
          m = Messages.insert(c, record, ctx.idempotencyKey());
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
      MessageRecord winner = db.autoCommit(c -> Messages.byIdempotencyKey(c, record.sender(), ctx.idempotencyKey()))
          .orElseThrow(() -> new HubException(HubError.UNAVAILABLE, ""));
      if (winner.fingerprint().equals(ctx.fingerprint())) {
        return winner.receipt().asDuplicate();
      }
      throw IntakeChecks.conflict(winner.documentId());
    }
  }

  private void notifyEvidence(Receipt receipt) {
    try {
      evidence.accepted(receipt);
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
