package vn.lienthong.client;

import vn.lienthong.client.ws.GetEvidenceRequest;
import vn.lienthong.client.ws.GetEvidenceResponse;
import jakarta.activation.DataHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import vn.lienthong.client.ws.AddUnitCertificateRequest;
import vn.lienthong.client.ws.Confirm;
import vn.lienthong.client.ws.ConfirmReceivedBatchRequest;
import vn.lienthong.client.ws.ConfirmReceivedRequest;
import vn.lienthong.client.ws.ConfirmReceivedResponse;
import vn.lienthong.client.ws.DeactivateUnitRequest;
import vn.lienthong.client.ws.DefineGroupRequest;
import vn.lienthong.client.ws.ExchangePortType;
import vn.lienthong.client.ws.GetAuditLogRequest;
import vn.lienthong.client.ws.GetMessageRequest;
import vn.lienthong.client.ws.GetMessageResponse;
import vn.lienthong.client.ws.GetPendingMessagesRequest;
import vn.lienthong.client.ws.GetPendingMessagesResponse;
import vn.lienthong.client.ws.GetTracesRequest;
import vn.lienthong.client.ws.GetTracesResponse;
import vn.lienthong.client.ws.GetUnitRequest;
import vn.lienthong.client.ws.GetUnitsRequest;
import vn.lienthong.client.ws.GetUnitsResponse;
import vn.lienthong.client.ws.RegisterUnitRequest;
import vn.lienthong.client.ws.RevokeUnitCertificateRequest;
import vn.lienthong.client.ws.SendDocumentRequest;
import vn.lienthong.client.ws.SendStatusRequest;
import vn.lienthong.client.ws.UpdateUnitRequest;
import vn.lienthong.client.ws.VerifyAuditLogRequest;

/**
 * A unit's connection to the hub: every operation of the contract as a typed method. Envelopes
 * travel as MTOM attachments streamed from and to files. Calls the hub makes idempotent (sending,
 * reading, confirming) are retried on network failures and {@link FaultCode#UNAVAILABLE} per the
 * {@link RetryPolicy}; a resent document answers its original receipt. Failures are
 * {@link ExchangeException}s. Thread-safe; close it to release its connections.
 *
 * <pre>{@code
 * try (ExchangeClient hub = ExchangeClient.builder()
 *     .hub("https://lienthong.quangninh.gov.vn/exchange")
 *     .pkcs12(Path.of("system-000.00.04.H49.p12"), password)
 *     .trustedRoots(roots)
 *     .build()) {
 *   Receipt r = hub.send(Path.of("congvan.edxml"));
 * }
 * }</pre>
 */
public final class ExchangeClient implements AutoCloseable {

  /** Entries one ConfirmReceivedBatch call takes (the contract's bound). */
  public static final int CONFIRM_BATCH = 100;

  private final Transport transport;
  private final ExchangePortType port;
  private final Calls calls;
  private final Progress progress;

  ExchangeClient(Transport transport, Calls calls, Progress progress) {
    this.transport = transport;
    this.port = transport.port();
    this.calls = calls;
    this.progress = progress;
  }

  /** A builder: {@code hub}, an identity and the trusted roots are required. */
  public static ExchangeClientBuilder builder() {
    return new ExchangeClientBuilder();
  }

  /**
   * Sends a signed edXML document ({@link DocumentBuilder} writes one) to its {@code To} units and
   * to the extra {@code addresses} ({@code OrganId}, {@code OrganId/*}, {@code OrganId/**},
   * {@code group:NAME}).
   */
  public Receipt send(Path envelope, List<String> addresses) {
    requireFile(envelope);
    List<String> extra = List.copyOf(addresses);
    String digest = sha256(envelope);
    return calls.retrying(() -> {
      SendDocumentRequest q = new SendDocumentRequest();
      q.setEnvelope(new DataHandler(new Wire.FileSource(envelope, progress)));
      q.setEnvelopeSha256(digest);
      q.getAddress().addAll(extra);
      return Wire.receipt(port.sendDocument(q).getReceipt());
    });
  }

  /** Sends a signed edXML document to the units in its {@code To}. */
  public Receipt send(Path envelope) {
    return send(envelope, List.of());
  }

  /** Sends a signed edXML status (01–06, 13, 15, 16) about a document this unit received or sent. */
  public Receipt sendStatus(Path envelope) {
    requireFile(envelope);
    String digest = sha256(envelope);
    return calls.retrying(() -> {
      SendStatusRequest q = new SendStatusRequest();
      q.setEnvelope(new DataHandler(new Wire.FileSource(envelope, progress)));
      q.setEnvelopeSha256(digest);
      return Wire.receipt(port.sendStatus(q).getReceipt());
    });
  }

  /** Claims up to {@code max} (1–500) inbox entries of any kind, oldest first, under a lease. */
  public PendingPage pending(int max) {
    return pending(max, null);
  }

  /** Claims up to {@code max} inbox entries of {@code kind} ({@code null}: any). */
  public PendingPage pending(int max, MessageKind kind) {
    return calls.retrying(() -> {
      GetPendingMessagesRequest q = new GetPendingMessagesRequest();
      q.setMax(max);
      if (kind != null) {
        q.setKind(vn.lienthong.client.ws.MessageKind.fromValue(kind.name()));
      }
      GetPendingMessagesResponse r = port.getPendingMessages(q);
      return new PendingPage(r.getMessage().stream().map(Wire::message).toList(), r.isMore());
    });
  }

  /**
   * Fetches an inbox entry's envelope into {@code target} (streamed; written to a temporary file
   * beside it, forced to disk and moved into place, so {@code target} is never half written and
   * survives a power cut once this returns: confirm after it).
   */
  public FetchedMessage fetch(long messageRef, Path target) {
    return calls.retrying(() -> {
      GetMessageRequest q = new GetMessageRequest();
      q.setMessageRef(messageRef);
      GetMessageResponse r = port.getMessage(q);
      long bytes;
      try {
        bytes = Downloads.save(r.getEnvelope(), target, r.getInfo().getSize(), progress);
      } catch (IOException e) {
        // a download cut short is a network failure like any other: retried
        throw new jakarta.xml.ws.WebServiceException("envelope download interrupted: " + e.getMessage(), e);
      }
      List<FetchedMessage.Hop> hops = r.getTraceHeader().stream()
          .map(h -> new FetchedMessage.Hop(h.getOrganId(), Wire.instant(h.getTimestamp()))).toList();
      return new FetchedMessage(Wire.message(r.getInfo()), hops, target, bytes);
    });
  }

  /** Takes a handed-out entry out of the inbox (a document answers status 01 to its sender). */
  public Confirmation confirm(long messageRef, String leaseToken) {
    Objects.requireNonNull(leaseToken, "leaseToken");
    return calls.retrying(() -> {
      ConfirmReceivedRequest q = new ConfirmReceivedRequest();
      q.setMessageRef(messageRef);
      q.setLeaseToken(leaseToken);
      ConfirmReceivedResponse r = port.confirmReceived(q);
      return new Confirmation(Wire.instant(r.getConfirmedAt()), r.isAlreadyConfirmed(), r.getDeliveryEvidence());
    });
  }

  /** Confirms an entry handed out by {@link #pending}. */
  public Confirmation confirm(InboxMessage message) {
    return confirm(message.messageRef(), message.leaseToken());
  }

  /**
   * Confirms entries handed out by {@link #pending}, in order, each as {@link #confirm} would, in
   * one call per {@value #CONFIRM_BATCH} entries instead of one call each (a sender of a fan-out
   * takes hundreds of statuses 01). An entry the hub refuses is reported in its outcome and does
   * not stop the others.
   *
   * @return one outcome per message, in the same order
   * @throws ExchangeException when a call fails as a whole (entries of earlier calls stay
   *     confirmed; confirming them again answers {@code alreadyConfirmed})
   */
  public List<ConfirmOutcome> confirmAll(List<InboxMessage> messages) {
    List<ConfirmOutcome> outcomes = new ArrayList<>(messages.size());
    for (int from = 0; from < messages.size(); from += CONFIRM_BATCH) {
      List<InboxMessage> chunk = messages.subList(from, Math.min(messages.size(), from + CONFIRM_BATCH));
      outcomes.addAll(calls.retrying(() -> {
        ConfirmReceivedBatchRequest q = new ConfirmReceivedBatchRequest();
        for (InboxMessage m : chunk) {
          Confirm c = new Confirm();
          c.setMessageRef(m.messageRef());
          c.setLeaseToken(m.leaseToken());
          q.getConfirm().add(c);
        }
        return port.confirmReceivedBatch(q).getResult().stream().map(Wire::outcome).toList();
      }));
    }
    return List.copyOf(outcomes);
  }

  /**
   * Downloads the evidence bundle of a message this unit sent or received (or any message, for an
   * auditor) into {@code target} (streamed, moved into place when complete); verify it offline
   * with core's {@code EvidenceVerifier}. Answers the bundle's size in bytes.
   *
   * @throws ExchangeException UNKNOWN_MESSAGE when there is no such message or it is not the
   *     caller's to see (the hub does not tell the two apart)
   */
  public long evidence(long messageId, Path target) {
    Objects.requireNonNull(target, "target");
    return calls.retrying(() -> {
      GetEvidenceRequest q = new GetEvidenceRequest();
      q.setMessageId(messageId);
      GetEvidenceResponse r = port.getEvidence(q);
      try {
        return Downloads.save(r.getBundle(), target, -1, progress);
      } catch (IOException e) {
        throw new jakarta.xml.ws.WebServiceException("evidence download interrupted: " + e.getMessage(), e);
      }
    });
  }

  /** What became of a document this unit sent, per recipient. */
  public Traces traces(String documentId) {
    return calls.retrying(() -> {
      GetTracesRequest q = new GetTracesRequest();
      q.setDocumentId(documentId);
      GetTracesResponse r = port.getTraces(q);
      return new Traces(r.getDocumentId(), r.getRecipient().stream().map(Wire::recipient).toList());
    });
  }

  /**
   * What became of a document {@code sender} sent. Another unit's document needs the auditor
   * role; without it the answer is {@code UNKNOWN_DOCUMENT}, as for a document that does not exist.
   */
  public Traces traces(String sender, String documentId) {
    return calls.retrying(() -> {
      GetTracesRequest q = new GetTracesRequest();
      q.setDocumentId(documentId);
      q.setSender(sender);
      GetTracesResponse r = port.getTraces(q);
      return new Traces(r.getDocumentId(), r.getRecipient().stream().map(Wire::recipient).toList());
    });
  }

  /**
   * This unit's sent and received messages together, newest first, with where each stands and the
   * evidence the hub holds; {@link MessageQuery#next} pages on. Another unit's
   * ({@link MessageQuery#unit}) needs the auditor role, and the hub's audit log records the search.
   */
  public MessagePage search(MessageQuery query) {
    return calls.retrying(() -> SearchMapping.page(port.searchMessages(SearchMapping.request(query))));
  }

  /** Auditor: up to {@code max} (1–1000) audit log entries from {@code fromSequence} (1 is the first). */
  public AuditLogPage auditLog(long fromSequence, int max) {
    return calls.retrying(() -> {
      GetAuditLogRequest q = new GetAuditLogRequest();
      q.setFromSequence(fromSequence);
      q.setMax(max);
      return AuditMapping.page(port.getAuditLog(q));
    });
  }

  /** Auditor: the hub's own verification of its whole audit log (see {@link AuditLogCheck} for one's own). */
  public AuditLogVerification verifyAuditLog() {
    return calls.retrying(() -> AuditMapping.verification(port.verifyAuditLog(new VerifyAuditLogRequest())));
  }

  /** The whole directory. */
  public Directory units() {
    return units(0);
  }

  /** The units changed after {@code sinceVersion} (sync with the previous answer's version). */
  public Directory units(long sinceVersion) {
    return calls.retrying(() -> {
      GetUnitsRequest q = new GetUnitsRequest();
      q.setSinceVersion(sinceVersion);
      GetUnitsResponse r = port.getUnits(q);
      return new Directory(r.getVersion(), r.getUnit().stream().map(Wire::unit).toList());
    });
  }

  /** One unit with its certificates. */
  public UnitRecord unit(String organId) {
    return calls.retrying(() -> {
      GetUnitRequest q = new GetUnitRequest();
      q.setOrganId(organId);
      return Wire.unit(port.getUnit(q).getUnit());
    });
  }

  /** Administrator: registers a new unit. Not retried (a repeat would be {@code UNIT_EXISTS}). */
  public UnitRecord registerUnit(UnitRecord.Data data) {
    return calls.once(() -> {
      RegisterUnitRequest q = new RegisterUnitRequest();
      q.setData(Wire.data(data));
      return Wire.unit(port.registerUnit(q).getUnit());
    });
  }

  /** Administrator: changes a unit's data. */
  public UnitRecord updateUnit(UnitRecord.Data data) {
    return calls.once(() -> {
      UpdateUnitRequest q = new UpdateUnitRequest();
      q.setData(Wire.data(data));
      return Wire.unit(port.updateUnit(q).getUnit());
    });
  }

  /** Administrator: deactivates a unit (it receives nothing more). */
  public UnitRecord deactivateUnit(String organId) {
    return calls.once(() -> {
      DeactivateUnitRequest q = new DeactivateUnitRequest();
      q.setOrganId(organId);
      return Wire.unit(port.deactivateUnit(q).getUnit());
    });
  }

  /** Administrator: registers a system certificate for a unit. */
  public UnitRecord addCertificate(String organId, X509Certificate certificate) {
    byte[] der;
    try {
      der = certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate", e);
    }
    return calls.once(() -> {
      AddUnitCertificateRequest q = new AddUnitCertificateRequest();
      q.setOrganId(organId);
      q.setCertificate(der);
      return Wire.unit(port.addUnitCertificate(q).getUnit());
    });
  }

  /** Administrator: revokes a unit's certificate, named by the SHA-256 of its DER (hex). */
  public UnitRecord revokeCertificate(String organId, String sha256) {
    return calls.once(() -> {
      RevokeUnitCertificateRequest q = new RevokeUnitCertificateRequest();
      q.setOrganId(organId);
      q.setSha256(sha256);
      return Wire.unit(port.revokeUnitCertificate(q).getUnit());
    });
  }

  /** Administrator: defines (or redefines) a named group of addresses; answers its member count. */
  public int defineGroup(String name, List<String> addresses) {
    return calls.once(() -> {
      DefineGroupRequest q = new DefineGroupRequest();
      q.setName(name);
      q.getAddress().addAll(addresses);
      return port.defineGroup(q).getMembers();
    });
  }

  @Override
  public void close() {
    try {
      transport.close();
    } finally {
      calls.close();
    }
  }

  /**
   * The envelope's SHA-256 (lower-case hex), read once before sending: it goes into the signed
   * request, which covers the MTOM attachment only by reference.
   */
  private static String sha256(Path envelope) {
    try (InputStream in = Files.newInputStream(envelope)) {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
      return java.util.HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + envelope, e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void requireFile(Path envelope) {
    if (!Files.isRegularFile(envelope)) {
      throw new IllegalArgumentException("no such envelope file: " + envelope);
    }
  }
}
