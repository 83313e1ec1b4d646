package vn.lienthong.server.auth;

import static vn.lienthong.server.auth.AuthorizationMatrixTest.C;
import static vn.lienthong.server.auth.AuthorizationMatrixTest.sendRequest;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Deque;
import java.util.List;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.StatusCode;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.api.ws.GetPendingMessagesRequest;
import vn.lienthong.server.api.ws.MessageInfo;
import vn.lienthong.server.auth.AuthorizationMatrixTest.Who;
import vn.lienthong.server.registry.Registry;
import vn.lienthong.server.registry.UnitData;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;

/** Unit A's resources for one cell of {@link AuthorizationMatrixTest}, made on first use. */
final class MatrixScene {

  final int id;
  private final HubFixture hub;
  private final Path files;
  private final Deque<X509Certificate> spareCertificates;
  private String sentByA;
  private long sentByAMessageId;
  private String receivedByA;
  private MessageInfo leasedByA;
  private String spareUnit;
  private X509Certificate spareCertificate;
  private String identifierOfA = "";

  MatrixScene(int id, HubFixture hub, Path files, Deque<X509Certificate> spareCertificates) {
    this.id = id;
    this.hub = hub;
    this.files = files;
    this.spareCertificates = spareCertificates;
  }

  /** A document A sent to C. */
  String sentByA() throws Exception {
    if (sentByA == null) {
      sentByA = "A-GUI-" + id;
      sentByAMessageId = hub.client(Who.A.unit).sendDocument(sendRequest(documentFromA(sentByA))).getReceipt()
          .getMessageId();
      identifierOfA = sentByA;
    }
    return sentByA;
  }

  /** The hub's message id of the document A sent to C. */
  long sentByAMessageId() throws Exception {
    sentByA();
    return sentByAMessageId;
  }

  /** The id of a document C sent to A (pending in A's inbox). */
  String receivedByA() throws Exception {
    if (receivedByA == null) {
      receivedByA = "C-GUI-" + id;
      hub.client(C).sendDocument(sendRequest(signedDocument(files, C, receivedByA, Who.A.unit)));
    }
    return receivedByA;
  }

  /** An entry of A's inbox that A holds the lease of. */
  MessageInfo leasedByA() throws Exception {
    if (leasedByA == null) {
      String doc = receivedByA();
      GetPendingMessagesRequest r = new GetPendingMessagesRequest();
      r.setMax(500);
      leasedByA = hub.client(Who.A.unit).getPendingMessages(r).getMessage().stream()
          .filter(m -> m.getDocumentId().equals(doc)).findFirst().orElseThrow();
      identifierOfA = String.valueOf(leasedByA.getMessageRef());
    }
    return leasedByA;
  }

  /** A new document from A to C, signed by A. */
  byte[] documentFromA() throws Exception {
    return documentFromA("A-MOI-" + id);
  }

  private byte[] documentFromA(String documentId) throws Exception {
    return signedDocument(files, Who.A.unit, documentId, C);
  }

  /** A's status 03 about a document C sent to A, signed by A. */
  byte[] statusFromA() throws Exception {
    return Envelopes.signed(Envelopes.status(Who.A.unit, C, receivedByA(), StatusCode.ACCEPTED), List.of());
  }

  /** An OrganId the registry does not hold. */
  String newOrganId() {
    return String.format("000.%02d.%02d.H49", id % 100, 90 + id / 100);
  }

  /** A unit registered for this cell only. */
  String spareUnit() {
    if (spareUnit == null) {
      spareUnit = String.format("000.%02d.%02d.H49", id % 100, 95 + id / 100);
      hub.hub().registry().register(new UnitData(OrganId.of(spareUnit), OrganId.of(DemoSet.PROVINCE),
          "Đơn vị dự phòng " + id, "DEPARTMENT",
          "", "", "", ""));
    }
    return spareUnit;
  }

  /** A certificate naming no unit, used by no other cell. */
  X509Certificate spareCertificate() {
    if (spareCertificate == null) {
      spareCertificate = spareCertificates.pop();
    }
    return spareCertificate;
  }

  /** The SHA-256 of a certificate registered (directly) for the spare unit. */
  String registeredSpareCertificate() {
    byte[] der = Registry.encoded(spareCertificate());
    hub.hub().registry().addCertificate(OrganId.of(spareUnit()), der);
    return Registry.sha256(der);
  }

  /** The identifier of A's resource the last request named (echoed in refusals). */
  String identifierOfA() {
    return identifierOfA;
  }

  /** A new document {@code from} → {@code to} with one small attachment, signed by {@code from}. */
  static byte[] signedDocument(Path files, String from, String documentId, String to) throws Exception {
    Attachment a = Envelopes.pdf(files, "vanban.pdf", 12_000, documentId.hashCode(), from);
    return Envelopes.signed(Envelopes.document(from, documentId, List.of(to), List.of(a)), List.of(a));
  }
}
