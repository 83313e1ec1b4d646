package vn.lienthong.server.api;

import vn.lienthong.server.api.ws.GetEvidenceRequest;
import vn.lienthong.server.api.ws.GetEvidenceResponse;
import vn.lienthong.server.evidence.EvidenceBundles;
import vn.lienthong.server.evidence.EvidenceService;
import jakarta.activation.DataHandler;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.api.ws.*;
import vn.lienthong.server.audit.AuditLog;
import vn.lienthong.server.audit.AuditTrail;
import vn.lienthong.server.auth.Caller;
import vn.lienthong.server.auth.CallerResolver;
import vn.lienthong.server.auth.Credentials;
import vn.lienthong.server.auth.MessageSignature;
import vn.lienthong.server.auth.Role;
import vn.lienthong.server.delivery.Inbox;
import vn.lienthong.server.delivery.InboxEntry;
import vn.lienthong.server.delivery.Tracking;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.intake.Intake;
import vn.lienthong.server.registry.Registry;
import vn.lienthong.server.routing.Router;

/**
 * The SOAP endpoint: authenticates each call ({@link CallerResolver}), checks the caller's role
 * (README "Roles"), delegates to the domain, and maps results and refusals to the contract. What
 * belongs to another unit answers exactly as what does not exist. Envelopes come and go as MTOM
 * attachments read and written as streams.
 */
@jakarta.jws.WebService(serviceName = "ExchangeService", portName = "ExchangePort",
    targetNamespace = "urn:lienthong:exchange:1", endpointInterface = "vn.lienthong.server.api.ws.ExchangePortType",
    wsdlLocation = "classpath:vn/lienthong/core/wsdl/exchange.wsdl")
public final class ExchangeEndpoint implements ExchangePortType {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExchangeEndpoint.class);

  /** Most entries one GetPendingMessages call hands out. */
  public static final int MAX_PAGE = 500;

  private final CallerResolver callers;
  private final Intake intake;
  private final Inbox inbox;
  private final Tracking tracking;
  private final Registry registry;
  private final Administration administration;
  private final OrganId hub;
  private final AuditLog audit;
  private final AuditTrail trail;
  private final EvidenceService evidence;
  private final EvidenceBundles bundles;
  private final Confirmations confirmations;

  /**
   * The endpoint; {@code evidence} and {@code bundles} null: no signed receipts, delivery evidence or
   * bundles. {@code trail} records the reads of what is not the caller's own: the audit log, another
   * unit's traces or messages (search), evidence bundles.
   */
  public ExchangeEndpoint(CallerResolver callers, Intake intake, Inbox inbox, Tracking tracking, Registry registry,
      Router router, OrganId hub, AuditLog audit, AuditTrail trail, EvidenceService evidence,
      EvidenceBundles bundles) {
    this.evidence = evidence;
    this.bundles = bundles;
    this.callers = Objects.requireNonNull(callers, "callers");
    this.intake = Objects.requireNonNull(intake, "intake");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.tracking = Objects.requireNonNull(tracking, "tracking");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.administration = new Administration(registry, router);
    this.hub = Objects.requireNonNull(hub, "hub");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.trail = Objects.requireNonNull(trail, "trail");
    this.confirmations = new Confirmations(tracking, evidence);
  }

  @Override
  public SendDocumentResponse sendDocument(SendDocumentRequest body) throws ExchangeFault {
    return call(() -> {
      Caller caller = caller();
      try (InputStream in = envelope(body.getEnvelope())) {
        SendDocumentResponse r = new SendDocumentResponse();
        r.setReceipt(signed(intake.sendDocument(caller, in, body.getEnvelopeSha256(), body.getAddress())));
        return r;
      } catch (IOException e) {
        throw new HubException(HubError.INVALID_REQUEST, "", "Envelope", e);
      }
    });
  }

  @Override
  public SendStatusResponse sendStatus(SendStatusRequest body) throws ExchangeFault {
    return call(() -> {
      Caller caller = caller();
      try (InputStream in = envelope(body.getEnvelope())) {
        SendStatusResponse r = new SendStatusResponse();
        r.setReceipt(signed(intake.sendStatus(caller, in, body.getEnvelopeSha256())));
        return r;
      } catch (IOException e) {
        throw new HubException(HubError.INVALID_REQUEST, "", "Envelope", e);
      }
    });
  }

  @Override
  public GetPendingMessagesResponse getPendingMessages(GetPendingMessagesRequest body) throws ExchangeFault {
    return call(() -> {
      Caller caller = unit();
      int max = body.getMax() == null ? 100 : body.getMax();
      if (max < 1 || max > MAX_PAGE) {
        throw new HubException(HubError.INVALID_REQUEST, "Max phải từ 1 đến " + MAX_PAGE + " / Max must be 1 to "
            + MAX_PAGE, "Max");
      }
      Inbox.Page page = inbox.claim(caller.unit(), max, Wire.kind(body.getKind()));
      GetPendingMessagesResponse r = new GetPendingMessagesResponse();
      page.entries().forEach(e -> r.getMessage().add(Wire.info(e)));
      r.setMore(page.more());
      return r;
    });
  }

  @Override
  public GetMessageResponse getMessage(GetMessageRequest body) throws ExchangeFault {
    return call(() -> {
      Caller caller = unit();
      InboxEntry e = inbox.fetchable(caller.unit(), body.getMessageRef());
      GetMessageResponse r = new GetMessageResponse();
      r.setInfo(Wire.info(e));
      for (String t : e.message().traceHeaders().split(" ")) {
        int at = t.lastIndexOf('@');
        try {
          if (at > 0) {
            r.getTraceHeader().add(trace(t.substring(0, at),
                java.time.Instant.ofEpochMilli(Long.parseLong(t.substring(at + 1)))));
          }
        } catch (NumberFormatException | java.time.DateTimeException unreadable) {
          // an entry a hub before 2026-11-27 cut in half when it stored them: left out
        }
      }
      r.getTraceHeader().add(trace(hub.value(), e.message().receivedAt()));
      var source = tracking.payload(e);
      r.setEnvelope(new DataHandler(source));
      return r;
    });
  }

  @Override
  public ConfirmReceivedResponse confirmReceived(ConfirmReceivedRequest body) throws ExchangeFault {
    return call(() -> confirmations.one(unit().unit(), body.getMessageRef(), body.getLeaseToken()));
  }

  @Override
  public ConfirmReceivedBatchResponse confirmReceivedBatch(ConfirmReceivedBatchRequest body) throws ExchangeFault {
    return call(() -> confirmations.batch(unit().unit(), body.getConfirm()));
  }

  @Override
  public GetTracesResponse getTraces(GetTracesRequest body) throws ExchangeFault {
    return call(() -> {
      Caller caller = caller();
      String documentId = Objects.requireNonNullElse(body.getDocumentId(), "");
      OrganId sender = body.getSender() == null ? caller.unit() : Wire.organId(body.getSender(), "Sender");
      if (!caller.has(Role.AUDITOR)) {
        caller.require(Role.UNIT_SYSTEM);
        if (!sender.equals(caller.unit())) {
          throw Tracking.unknownDocument(sender, documentId);
        }
      }
      var view = tracking.traces(sender, documentId);
      if (!sender.equals(caller.unit())) {
        trail.recordRead(caller.unit().value(), "TRACES_READ", null, sender.value() + " " + view.documentId());
      }
      GetTracesResponse r = new GetTracesResponse();
      r.setDocumentId(view.documentId());
      view.recipients().forEach(t -> r.getRecipient().add(Wire.trace(t)));
      intake.signatureChecks(sender, view.documentId()).forEach(c -> r.getSignatureCheck().add(Wire.check(c)));
      return r;
    });
  }

  @Override
  public SearchMessagesResponse searchMessages(SearchMessagesRequest body) throws ExchangeFault {
    return call(() -> {
      Caller caller = caller();
      OrganId unit = body.getUnit() == null ? caller.unit() : Wire.organId(body.getUnit(), "Unit");
      if (!caller.has(Role.AUDITOR)) {
        caller.require(Role.UNIT_SYSTEM);
        if (!unit.equals(caller.unit())) {
          throw new HubException(HubError.NOT_AUTHORIZED, "Chỉ kiểm tra viên được tra cứu văn bản của đơn vị khác / "
              + "only auditors may search another unit's messages", "Unit");
        }
      }
      var query = SearchWire.query(body, unit);
      var page = tracking.search(query);
      if (!unit.equals(caller.unit())) {
        trail.recordRead(caller.unit().value(), "SEARCH", null, SearchWire.describe(query));
      }
      return SearchWire.page(page);
    });
  }

  @Override
  public GetUnitsResponse getUnits(GetUnitsRequest body) throws ExchangeFault {
    return call(() -> {
      caller();
      var changes = registry.changesSince(body.getSinceVersion() == null ? 0 : body.getSinceVersion());
      GetUnitsResponse r = new GetUnitsResponse();
      r.setVersion(changes.version());
      changes.units().forEach(u -> r.getUnit().add(Wire.unit(u, false)));
      return r;
    });
  }

  @Override
  public GetUnitResponse getUnit(GetUnitRequest body) throws ExchangeFault {
    return call(() -> {
      caller();
      GetUnitResponse r = new GetUnitResponse();
      r.setUnit(Wire.unit(registry.require(Wire.organId(body.getOrganId(), "OrganId")), true));
      return r;
    });
  }

  @Override
  public UnitResponse registerUnit(RegisterUnitRequest body) throws ExchangeFault {
    return call(() -> administration.register(admin(body).getData()));
  }

  @Override
  public UnitResponse updateUnit(UpdateUnitRequest body) throws ExchangeFault {
    return call(() -> administration.update(admin(body).getData()));
  }

  @Override
  public UnitResponse deactivateUnit(DeactivateUnitRequest body) throws ExchangeFault {
    return call(() -> administration.deactivate(admin(body).getOrganId()));
  }

  @Override
  public UnitResponse addUnitCertificate(AddUnitCertificateRequest body) throws ExchangeFault {
    return call(() -> administration.addCertificate(admin(body)));
  }

  @Override
  public UnitResponse revokeUnitCertificate(RevokeUnitCertificateRequest body) throws ExchangeFault {
    return call(() -> administration.revokeCertificate(admin(body)));
  }

  @Override
  public DefineGroupResponse defineGroup(DefineGroupRequest body) throws ExchangeFault {
    return call(() -> administration.defineGroup(admin(body)));
  }

  @Override
  public GetAuditLogResponse getAuditLog(GetAuditLogRequest body) throws ExchangeFault {
    return call(() -> {
      Caller caller = caller();
      caller.require(Role.AUDITOR);
      long from = body.getFromSequence() == null ? 1 : body.getFromSequence();
      if (from < 1) {
        throw new HubException(HubError.INVALID_REQUEST, "FromSequence phải từ 1 / FromSequence must be at least 1",
            "FromSequence");
      }
      int max = body.getMax() == null ? 100 : body.getMax();
      if (max < 1 || max > AuditLog.MAX_PAGE) {
        throw new HubException(HubError.INVALID_REQUEST, "Max phải từ 1 đến " + AuditLog.MAX_PAGE + " / Max must be 1 "
            + "to " + AuditLog.MAX_PAGE, "Max");
      }
      var page = audit.page(from, max);
      trail.recordRead(caller.unit().value(), "AUDIT_READ", null, page.entries().isEmpty() ? "from " + from + ": none"
          : "entries " + from + "–" + page.entries().get(page.entries().size() - 1).seq());
      return AuditWire.page(page);
    });
  }

  @Override
  public VerifyAuditLogResponse verifyAuditLog(VerifyAuditLogRequest body) throws ExchangeFault {
    return call(() -> {
      Caller caller = caller();
      caller.require(Role.AUDITOR);
      var verification = audit.verify();
      trail.recordRead(caller.unit().value(), "AUDIT_VERIFY", null, verification.outcome() + ", "
          + verification.entries() + " entries");
      return AuditWire.verification(verification);
    });
  }

  @Override
  public GetEvidenceResponse getEvidence(GetEvidenceRequest body) throws ExchangeFault {
    return call(() -> {
      Caller caller = caller();
      if (!caller.has(Role.UNIT_SYSTEM) && !caller.has(Role.AUDITOR)) {
        throw new HubException(HubError.NOT_AUTHORIZED, "Chỉ bên gửi, bên nhận và kiểm tra viên được xem chứng cứ / "
            + "only the sender, the recipients and auditors may read evidence");
      }
      if (bundles == null) {
        throw new HubException(HubError.UNAVAILABLE, "Trục chưa được cấu hình con dấu chứng cứ / the hub has no "
            + "evidence seal configured", null);
      }
      java.nio.file.Path file = bundles.bundle(caller, body.getMessageId());
      trail.recordRead(caller.unit().value(), "EVIDENCE_READ", body.getMessageId(), "evidence bundle");
      GetEvidenceResponse r = new GetEvidenceResponse();
      r.setMessageId(body.getMessageId());
      r.setBundle(new DataHandler(new DeletingFileSource(file)));
      return r;
    });
  }

  // ----- helpers -----

  /** The receipt on the wire, with the signed receipt when the hub made one. */
  private vn.lienthong.server.api.ws.Receipt signed(vn.lienthong.server.evidence.Receipt receipt) {
    vn.lienthong.server.api.ws.Receipt w = Wire.receipt(receipt);
    if (evidence != null) {
      evidence.signedReceipt(receipt).ifPresentOrElse(w::setSignedReceipt,
          () -> LOG.warn("No signed receipt for message {}", receipt.messageId()));
    }
    return w;
  }

  private <T> T admin(T body) {
    caller().require(Role.ADMINISTRATOR);
    return body;
  }

  private Caller unit() {
    Caller c = caller();
    c.require(Role.UNIT_SYSTEM);
    return c;
  }

  private Caller caller() {
    Message message = PhaseInterceptorChain.getCurrentMessage();
    List<X509Certificate> chain = TrustedRoots.tlsChain(message);
    MessageSignature signature = message == null ? null : message.get(MessageSignature.class);
    return callers.resolve(new Credentials(chain, signature == null ? MessageSignature.ABSENT : signature));
  }

  /**
   * The envelope's bytes. CXF reports a malformed MTOM request (an {@code xop:Include} naming no part
   * of the request, more parts than it reads) as a RuntimeException when the part is opened or read:
   * that is the request's fault, a typed {@code INVALID_REQUEST}, not the hub's INTERNAL_ERROR.
   */
  private static InputStream envelope(DataHandler handler) throws IOException {
    if (handler == null) {
      throw new HubException(HubError.INVALID_REQUEST, "Thiếu gói tin / the Envelope is missing", "Envelope");
    }
    InputStream in;
    try {
      in = handler.getInputStream();
    } catch (RuntimeException e) {
      throw new HubException(HubError.INVALID_REQUEST, "Gói tin MTOM không đọc được / the MTOM request cannot be "
          + "read: its Envelope names no part of it, or it has more parts than the hub reads", "Envelope", e);
    }
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (RuntimeException e) {
          throw new IOException("the MTOM request cannot be read: " + e.getMessage(), e);
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return super.read(b, off, len);
        } catch (RuntimeException e) {
          throw new IOException("the MTOM request cannot be read: " + e.getMessage(), e);
        }
      }
    };
  }

  private static vn.lienthong.server.api.ws.TraceHeader trace(String organId, java.time.Instant at) {
    vn.lienthong.server.api.ws.TraceHeader t = new vn.lienthong.server.api.ws.TraceHeader();
    t.setOrganId(organId);
    t.setTimestamp(Wire.time(at));
    return t;
  }

  private static <T> T call(Supplier<T> operation) throws ExchangeFault {
    try {
      return operation.get();
    } catch (RuntimeException e) {
      throw Faults.of(e);
    }
  }
}
