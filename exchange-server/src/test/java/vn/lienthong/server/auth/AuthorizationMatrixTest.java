package vn.lienthong.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jws.WebMethod;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.StatusCode;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;
import vn.lienthong.server.HubConfig;
import vn.lienthong.server.api.ws.*;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.evidence.EvidenceSetup;
import vn.lienthong.server.health.AcknowledgeServlet;
import vn.lienthong.server.health.BackupServlet;
import vn.lienthong.server.health.MetricsServlet;
import vn.lienthong.server.registry.Registry;
import vn.lienthong.server.registry.SystemCertificates;
import vn.lienthong.server.support.AdminHttp;
import vn.lienthong.server.support.Calls;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.MutableClock;
import vn.lienthong.server.support.TestPki;
import vn.lienthong.server.support.Units;

/**
 * Every operation of the contract × every kind of caller, over real HTTPS on H2. The callers: the
 * system of unit A (whose messages, leases and documents every request names), the system of
 * another unit B, an administrator and an auditor (both with unregistered certificates, so they
 * hold that role only), and a unit whose certificate chains to a trusted root but is not
 * registered. Each cell runs on fresh resources of A and is asserted against {@link #MATRIX}.
 *
 * <p>Cells: {@code allow} (answered, and the answer shows A's resource), {@code blind}
 * (answered, and the answer does not show A's resource), or the fault code. When B is refused
 * with a not-found code, the fault must be the very fault B gets for a resource that does not
 * exist (code, message and field, the identifier aside). A new operation fails
 * {@link #theMatrixCoversEveryOperationOfTheContract} until it has a row here and in {@link #ops}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

  /** The callers (columns). */
  enum Who {
    A(DemoSet.HA_LONG), B(DemoSet.MONG_CAI), ADMIN("000.00.02.H49"), AUDITOR("000.00.01.H49"),
    UNREGISTERED(Units.UNREGISTERED);

    final String unit;

    Who(String unit) {
      this.unit = unit;
    }
  }

  /** The unit that exchanges documents with A. */
  static final String C = DemoSet.FINANCE;

  static final String MATRIX = """
      operation              A       B                 ADMIN            AUDITOR          UNREGISTERED
      SendDocument           allow   SENDER_MISMATCH   NOT_AUTHORIZED   NOT_AUTHORIZED   NOT_AUTHENTICATED
      SendStatus             allow   SENDER_MISMATCH   NOT_AUTHORIZED   NOT_AUTHORIZED   NOT_AUTHENTICATED
      GetPendingMessages     allow   blind             NOT_AUTHORIZED   NOT_AUTHORIZED   NOT_AUTHENTICATED
      GetMessage             allow   UNKNOWN_MESSAGE   NOT_AUTHORIZED   NOT_AUTHORIZED   NOT_AUTHENTICATED
      ConfirmReceived        allow   UNKNOWN_MESSAGE   NOT_AUTHORIZED   NOT_AUTHORIZED   NOT_AUTHENTICATED
      ConfirmReceivedBatch   allow   blind             NOT_AUTHORIZED   NOT_AUTHORIZED   NOT_AUTHENTICATED
      GetTraces              allow   UNKNOWN_DOCUMENT  NOT_AUTHORIZED   allow            NOT_AUTHENTICATED
      SearchMessages         allow   NOT_AUTHORIZED    NOT_AUTHORIZED   allow            NOT_AUTHENTICATED
      GetUnits               allow   allow             allow            allow            NOT_AUTHENTICATED
      GetUnit                allow   allow             allow            allow            NOT_AUTHENTICATED
      RegisterUnit           NOT_AUTHORIZED NOT_AUTHORIZED allow    NOT_AUTHORIZED   NOT_AUTHENTICATED
      UpdateUnit             NOT_AUTHORIZED NOT_AUTHORIZED allow    NOT_AUTHORIZED   NOT_AUTHENTICATED
      DeactivateUnit         NOT_AUTHORIZED NOT_AUTHORIZED allow    NOT_AUTHORIZED   NOT_AUTHENTICATED
      AddUnitCertificate     NOT_AUTHORIZED NOT_AUTHORIZED allow    NOT_AUTHORIZED   NOT_AUTHENTICATED
      RevokeUnitCertificate  NOT_AUTHORIZED NOT_AUTHORIZED allow    NOT_AUTHORIZED   NOT_AUTHENTICATED
      DefineGroup            NOT_AUTHORIZED NOT_AUTHORIZED allow    NOT_AUTHORIZED   NOT_AUTHENTICATED
      GetAuditLog            NOT_AUTHORIZED NOT_AUTHORIZED NOT_AUTHORIZED allow    NOT_AUTHENTICATED
      VerifyAuditLog         NOT_AUTHORIZED NOT_AUTHORIZED NOT_AUTHORIZED allow    NOT_AUTHENTICATED
      GetEvidence            allow   UNKNOWN_MESSAGE   NOT_AUTHORIZED   allow            NOT_AUTHENTICATED
      """;

  /** A message ref and a document id that exist nowhere (what B's refusals are compared with). */
  static final long NO_REF = 987_654_321_987L;
  static final String NO_DOC = "KHONG-CO-VAN-BAN-NAY";

  Path dir;
  SampleCaServer services;
  HubFixture hub;
  final Map<Who, ExchangePortType> ports = new EnumMap<>(Who.class);
  final Deque<X509Certificate> spareCertificates = new ArrayDeque<>();
  int serial;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    this.dir = dir;
    HubConfig base = HubFixture.config(dir.resolve("hub"), null, Duration.ofMinutes(5));
    HubConfig config = base.toBuilder().administrators(Set.of(OrganId.of(Who.ADMIN.unit)))
        .auditors(Set.of(OrganId.of(Who.AUDITOR.unit))).build();
    MutableClock clock = new MutableClock(Instant.now());   // within the sample certificates' validity
    services = SampleCaServer.bind(0, clock);   // the TSA on the hub's clock: receipts get their time stamp
    services.start(TestPki.PKI);
    Credential seal = TestPki.PKI.credential(SamplePki.HUB_SEAL);
    hub = HubFixture.start(config, clock, EvidenceHook.NONE,
        new EvidenceSetup(seal.privateKey(), seal.chain(), services.urls().tsa()));
    // the role only, not also a unit system: their certificates are not registered (administrators
    // and auditors need no registration; one revoked in the registry would authenticate no one)
    hub.hub().database().autoCommit(c -> {
      try (var ps = c.prepareStatement("DELETE FROM unit_certificate WHERE organ_id IN (?, ?)")) {
        ps.setString(1, Who.ADMIN.unit);
        ps.setString(2, Who.AUDITOR.unit);
        return ps.executeUpdate();
      }
    });
    for (Who who : Who.values()) {
      ports.put(who, hub.client(who.unit));
    }
    TestPki.PKI.credentials().stream().map(c -> c.certificate())
        .filter(c -> SamplePki.organIdOf(c).isEmpty() && SystemCertificates.unfit(c, Instant.now()).isEmpty())
        .forEach(spareCertificates::add);
  }

  @AfterAll
  void stop() {
    if (hub != null) {
      hub.close();
    }
    if (services != null) {
      services.close();
    }
  }

  // ----- the operations (rows) -----

  /**
   * One row: the request on A's resources (fresh in a {@link MatrixScene}), whether an answer shows
   * them, and the same request on a resource that does not exist (null when the row has none).
   */
  record Op(Call call, Shows shows, Call missing) {
    Op(Call call, Shows shows) {
      this(call, shows, null);
    }
  }

  interface Call {
    Object call(ExchangePortType port, MatrixScene s, Who caller) throws Exception;
  }

  interface Shows {
    boolean test(Object answer, MatrixScene s) throws Exception;
  }

  Map<String, Op> ops() {
    Map<String, Op> ops = new LinkedHashMap<>();
    ops.put("SendDocument", new Op((p, s, w) -> p.sendDocument(sendRequest(s.documentFromA())),
        (a, s) -> ((SendDocumentResponse) a).getReceipt().getFrom().equals(Who.A.unit)));
    ops.put("SendStatus", new Op((p, s, w) -> p.sendStatus(statusRequest(s.statusFromA())),
        (a, s) -> ((SendStatusResponse) a).getReceipt().getFrom().equals(Who.A.unit)));
    ops.put("GetPendingMessages", new Op((p, s, w) -> {
      s.receivedByA();
      GetPendingMessagesRequest r = new GetPendingMessagesRequest();
      r.setMax(500);
      return p.getPendingMessages(r);
    }, (a, s) -> {
      String doc = s.receivedByA();
      return ((GetPendingMessagesResponse) a).getMessage().stream().anyMatch(m -> m.getDocumentId().equals(doc));
    }));
    ops.put("GetMessage", new Op((p, s, w) -> p.getMessage(getMessage(s.leasedByA().getMessageRef())),
        (a, s) -> ((GetMessageResponse) a).getInfo().getDocumentId().equals(s.leasedByA().getDocumentId()),
        (p, s, w) -> p.getMessage(getMessage(NO_REF))));
    ops.put("ConfirmReceived", new Op((p, s, w) -> p.confirmReceived(confirm(s.leasedByA().getMessageRef(),
        s.leasedByA().getLeaseToken())), (a, s) -> !((ConfirmReceivedResponse) a).isAlreadyConfirmed(),
        (p, s, w) -> p.confirmReceived(confirm(NO_REF, s.leasedByA().getLeaseToken()))));
    ops.put("ConfirmReceivedBatch", new Op((p, s, w) -> {
      ConfirmReceivedBatchRequest r = new ConfirmReceivedBatchRequest();
      r.getConfirm().add(Calls.entry(s.leasedByA().getMessageRef(), s.leasedByA().getLeaseToken()));
      return p.confirmReceivedBatch(r);
    }, (a, s) -> {
      ConfirmResult r = ((ConfirmReceivedBatchResponse) a).getResult().get(0);
      return r.getExchangeFaultDetail() == null && !r.isAlreadyConfirmed();
    }));
    ops.put("GetTraces", new Op((p, s, w) -> p.getTraces(traces(s.sentByA())),
        (a, s) -> ((GetTracesResponse) a).getRecipient().stream().anyMatch(r -> r.getOrganId().equals(C)),
        (p, s, w) -> p.getTraces(traces(NO_DOC))));
    ops.put("SearchMessages", new Op((p, s, w) -> {
      SearchMessagesRequest r = new SearchMessagesRequest();
      r.setUnit(Who.A.unit);
      r.setDocumentId(s.sentByA());
      return p.searchMessages(r);
    }, (a, s) -> {
      String doc = s.sentByA();
      return ((SearchMessagesResponse) a).getHit().stream()
          .anyMatch(h -> h.getDocumentId().equals(doc) && h.getDirection() == Direction.SENT);
    }));
    ops.put("GetUnits", new Op((p, s, w) -> p.getUnits(new GetUnitsRequest()),
        (a, s) -> ((GetUnitsResponse) a).getUnit().stream()
            .anyMatch(u -> u.getData().getOrganId().equals(Who.A.unit))));
    ops.put("GetUnit", new Op((p, s, w) -> {
      GetUnitRequest r = new GetUnitRequest();
      r.setOrganId(Who.A.unit);
      return p.getUnit(r);
    }, (a, s) -> ((GetUnitResponse) a).getUnit().getData().getOrganId().equals(Who.A.unit)));
    ops.put("RegisterUnit", new Op((p, s, w) -> {
      RegisterUnitRequest r = new RegisterUnitRequest();
      r.setData(data(s.newOrganId(), "Đơn vị đăng ký mới"));
      return p.registerUnit(r);
    }, (a, s) -> unitOf(a).equals(s.newOrganId())));
    ops.put("UpdateUnit", new Op((p, s, w) -> {
      UpdateUnitRequest r = new UpdateUnitRequest();
      r.setData(data(s.spareUnit(), "Tên đã đổi"));
      return p.updateUnit(r);
    }, (a, s) -> unitOf(a).equals(s.spareUnit())
        && ((UnitResponse) a).getUnit().getData().getName().equals("Tên đã đổi")));
    ops.put("DeactivateUnit", new Op((p, s, w) -> {
      DeactivateUnitRequest r = new DeactivateUnitRequest();
      r.setOrganId(s.spareUnit());
      return p.deactivateUnit(r);
    }, (a, s) -> unitOf(a).equals(s.spareUnit()) && !((UnitResponse) a).getUnit().isActive()));
    ops.put("AddUnitCertificate", new Op((p, s, w) -> {
      AddUnitCertificateRequest r = new AddUnitCertificateRequest();
      r.setOrganId(s.spareUnit());
      r.setCertificate(Registry.encoded(s.spareCertificate()));
      return p.addUnitCertificate(r);
    }, (a, s) -> ((UnitResponse) a).getUnit().getCertificate().size() == 1));
    ops.put("RevokeUnitCertificate", new Op((p, s, w) -> {
      RevokeUnitCertificateRequest r = new RevokeUnitCertificateRequest();
      r.setOrganId(s.spareUnit());
      r.setSha256(s.registeredSpareCertificate());
      return p.revokeUnitCertificate(r);
    }, (a, s) -> ((UnitResponse) a).getUnit().getCertificate().get(0).isRevoked()));
    ops.put("DefineGroup", new Op((p, s, w) -> {
      DefineGroupRequest r = new DefineGroupRequest();
      r.setName("nhom-" + s.id);
      r.getAddress().addAll(List.of(Who.A.unit, C));
      return p.defineGroup(r);
    }, (a, s) -> ((DefineGroupResponse) a).getMembers() == 2));
    ops.put("GetAuditLog", new Op((p, s, w) -> {
      s.sentByA();
      GetAuditLogRequest r = new GetAuditLogRequest();
      r.setMax(1000);
      return p.getAuditLog(r);
    }, (a, s) -> {
      GetAuditLogResponse r = (GetAuditLogResponse) a;
      return r.getHeadSequence() > 0 && r.getEntry().size() == Math.min(1000, r.getHeadSequence());
    }));
    ops.put("VerifyAuditLog", new Op((p, s, w) -> {
      s.sentByA();
      return p.verifyAuditLog(new VerifyAuditLogRequest());
    }, (a, s) -> ((VerifyAuditLogResponse) a).getOutcome().equals("OK")
        && ((VerifyAuditLogResponse) a).getEntries() > 0));
    ops.put("GetEvidence", new Op((p, s, w) -> p.getEvidence(evidence(s.sentByAMessageId())),
        (a, s) -> ((GetEvidenceResponse) a).getMessageId() == s.sentByAMessageId()
            && ((GetEvidenceResponse) a).getBundle().getInputStream().readAllBytes().length > 0,
        (p, s, w) -> p.getEvidence(evidence(NO_REF))));
    return ops;
  }

  // ----- the tests -----

  @Test
  void theMatrixCoversEveryOperationOfTheContract() {
    Set<String> contract = Arrays.stream(ExchangePortType.class.getMethods())
        .map(m -> m.getAnnotation(WebMethod.class)).filter(a -> a != null).map(WebMethod::operationName)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(contract).hasSizeGreaterThanOrEqualTo(16);
    assertThat(new TreeSet<>(expected().keySet())).as("rows of MATRIX").isEqualTo(contract);
    assertThat(new TreeSet<>(ops().keySet())).as("requests in ops()").isEqualTo(contract);
  }

  @Test
  void everyCallerGetsExactlyWhatTheMatrixSays() throws Exception {
    Map<String, Map<Who, String>> expected = expected();
    Map<String, Op> ops = ops();
    List<String> wrong = new ArrayList<>();
    for (var row : expected.entrySet()) {
      Op op = ops.get(row.getKey());
      for (Who who : Who.values()) {
        String cell = row.getValue().get(who);
        String problem = check(row.getKey(), op, who, cell);
        if (problem != null) {
          wrong.add(row.getKey() + " × " + who + ": expected " + cell + ", " + problem);
        }
      }
    }
    assertThat(wrong).as("cells that differ from the matrix").isEmpty();
  }

  /** The administrators' HTTPS paths (TLS certificate alone, no WS-Security) answer administrators only. */
  @Test
  void theAdministratorsPathsAnswerAdministratorsOnly() throws Exception {
    String metrics = hub.hub().metricsAddress();
    String acknowledge = metrics.replace(MetricsServlet.PATH, AcknowledgeServlet.PATH);
    String backup = metrics.replace(MetricsServlet.PATH, BackupServlet.PATH);
    Map<Who, Integer> expected = Map.of(Who.A, 403, Who.B, 403, Who.ADMIN, 200, Who.AUDITOR, 403,
        Who.UNREGISTERED, 401);
    for (Who who : Who.values()) {
      Credential tls = TestPki.PKI.system(who.unit);
      assertThat(AdminHttp.get(metrics, tls).status()).as("GET /metrics as " + who).isEqualTo(expected.get(who));
      assertThat(AdminHttp.post(acknowledge, tls, true).status()).as("POST /checks/acknowledge as " + who)
          .isEqualTo(expected.get(who));
      assertThat(AdminHttp.post(backup, tls, true).status()).as("POST /backup as " + who)
          .isEqualTo(expected.get(who));
    }
  }

  @Test
  void anotherUnitsDocumentIsAnsweredWordForWordAsBeforeItExisted() throws Exception {
    String doc = "A-SAU-" + (++serial);
    GetTracesRequest ownNamespace = new GetTracesRequest();
    ownNamespace.setDocumentId(doc);
    byte[] status = Envelopes.signed(Envelopes.status(Who.B.unit, Who.A.unit, doc, StatusCode.ACCEPTED), List.of());
    List<Call> probes = List.of((p, s, w) -> p.getTraces(traces(doc)), (p, s, w) -> p.getTraces(ownNamespace),
        (p, s, w) -> p.sendStatus(statusRequest(status)));
    List<String> before = new ArrayList<>();
    for (Call probe : probes) {
      before.add(refusal(probe));
    }
    ports.get(Who.A).sendDocument(sendRequest(MatrixScene.signedDocument(dir.resolve("files"), Who.A.unit, doc, C)));
    List<String> after = new ArrayList<>();
    for (Call probe : probes) {
      after.add(refusal(probe));
    }
    assertThat(before).allMatch(r -> r.startsWith("UNKNOWN_DOCUMENT|"));
    assertThat(after).isEqualTo(before);
    assertThat(ports.get(Who.AUDITOR).getTraces(traces(doc)).getRecipient()).hasSize(1);
  }

  private String refusal(Call call) throws Exception {
    try {
      call.call(ports.get(Who.B), null, Who.B);
      return "answered";
    } catch (ExchangeFault f) {
      ExchangeFaultDetail d = f.getFaultInfo();
      return d.getCode() + "|" + d.getMessage() + "|" + d.getField();
    }
  }

  /** Null when the cell holds, else what happened. */
  private String check(String name, Op op, Who who, String cell) throws Exception {
    MatrixScene s = new MatrixScene(++serial, hub, dir.resolve("files"), spareCertificates);
    Object answer;
    try {
      answer = op.call().call(ports.get(who), s, who);
    } catch (ExchangeFault f) {
      ExchangeFaultDetail d = f.getFaultInfo();
      if (!d.getCode().name().equals(cell)) {
        return "got " + d.getCode() + " (" + d.getMessage() + ")";
      }
      if (who == Who.B && op.missing() != null) {
        return sameAsMissing(op, s, d);
      }
      return null;
    } catch (RuntimeException e) {
      return "threw " + e;
    }
    boolean shows = op.shows().test(answer, s);
    return switch (cell) {
      case "allow" -> shows ? null : "answered without A's resource";
      case "blind" -> shows ? "answered WITH A's resource" : null;
      default -> "answered " + answer.getClass().getSimpleName();
    };
  }

  /** B's refusal for A's resource must be word for word B's refusal for a resource that does not exist. */
  private String sameAsMissing(Op op, MatrixScene s, ExchangeFaultDetail seen) throws Exception {
    try {
      op.missing().call(ports.get(Who.B), s, Who.B);
      return "the missing resource was answered";
    } catch (ExchangeFault f) {
      ExchangeFaultDetail none = f.getFaultInfo();
      String idOfA = s.identifierOfA();
      String idOfNone = none.getMessage().contains(String.valueOf(NO_REF)) ? String.valueOf(NO_REF) : NO_DOC;
      String expected = none.getCode() + "|" + none.getMessage().replace(idOfNone, idOfA) + "|" + none.getField();
      String actual = seen.getCode() + "|" + seen.getMessage() + "|" + seen.getField();
      return expected.equals(actual) ? null : "differs from a missing resource: " + actual + " vs " + expected;
    }
  }

  /** The MATRIX text as operation → caller → cell. */
  static Map<String, Map<Who, String>> expected() {
    Map<String, Map<Who, String>> rows = new LinkedHashMap<>();
    List<String> lines = MATRIX.lines().filter(l -> !l.isBlank()).toList();
    List<Who> columns = Arrays.stream(lines.get(0).trim().split("\\s+")).skip(1).map(Who::valueOf).toList();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.trim().split("\\s+");
      assertThat(cells).as(line).hasSize(columns.size() + 1);
      Map<Who, String> row = new EnumMap<>(Who.class);
      for (int i = 0; i < columns.size(); i++) {
        String cell = cells[i + 1];
        if (!cell.equals("allow") && !cell.equals("blind")) {
          FaultCode.valueOf(cell);   // a typo fails here
        }
        row.put(columns.get(i), cell);
      }
      assertThat(rows.put(cells[0], row)).as("row " + cells[0] + " twice").isNull();
    }
    return rows;
  }

  // ----- request builders -----

  static SendDocumentRequest sendRequest(byte[] envelope) {
    SendDocumentRequest r = new SendDocumentRequest();
    r.setEnvelope(Envelopes.handler(envelope));
    r.setEnvelopeSha256(Calls.sha256(envelope));
    return r;
  }

  static SendStatusRequest statusRequest(byte[] envelope) {
    SendStatusRequest r = new SendStatusRequest();
    r.setEnvelope(Envelopes.handler(envelope));
    r.setEnvelopeSha256(Calls.sha256(envelope));
    return r;
  }

  static GetEvidenceRequest evidence(long messageId) {
    GetEvidenceRequest r = new GetEvidenceRequest();
    r.setMessageId(messageId);
    return r;
  }

  static GetMessageRequest getMessage(long ref) {
    GetMessageRequest r = new GetMessageRequest();
    r.setMessageRef(ref);
    return r;
  }

  static ConfirmReceivedRequest confirm(long ref, String lease) {
    ConfirmReceivedRequest r = new ConfirmReceivedRequest();
    r.setMessageRef(ref);
    r.setLeaseToken(lease);
    return r;
  }

  static GetTracesRequest traces(String documentId) {
    GetTracesRequest r = new GetTracesRequest();
    r.setDocumentId(documentId);
    r.setSender(Who.A.unit);
    return r;
  }

  static UnitData data(String organId, String name) {
    UnitData d = new UnitData();
    d.setOrganId(organId);
    d.setParentId(DemoSet.PROVINCE);   // the OrganId's own parent level is not registered
    d.setName(name);
    d.setKind("DEPARTMENT");
    return d;
  }

  static String unitOf(Object answer) {
    return ((UnitResponse) answer).getUnit().getData().getOrganId();
  }
}
