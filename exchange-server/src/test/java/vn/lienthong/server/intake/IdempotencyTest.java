package vn.lienthong.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.HA_LONG;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;
import static vn.lienthong.server.support.Calls.assertFault;
import static vn.lienthong.server.support.Calls.count;
import static vn.lienthong.server.support.Calls.send;
import static vn.lienthong.server.support.Calls.status;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.edxml.DocumentHeader;
import vn.lienthong.core.edxml.DocumentMessage;
import vn.lienthong.core.edxml.EdxmlReader;
import vn.lienthong.core.edxml.Envelope;
import vn.lienthong.core.edxml.StatusCode;
import vn.lienthong.server.api.ws.FaultCode;
import vn.lienthong.server.api.ws.Receipt;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.H2HubTest;

/**
 * The idempotency rule through the hub (H2, real HTTPS) where the content's form matters: text
 * moved between fields, and messages stored by a hub before 2026-11-27 (their fingerprint, and a
 * status's key, in the old form) sent again after the upgrade.
 */
class IdempotencyTest extends H2HubTest {

  static DocumentMessage document(String id, String subject, String content) {
    DocumentMessage d = Envelopes.document(PROVINCE, id, List.of(HA_LONG), List.of());
    DocumentHeader h = d.header();
    return new DocumentMessage(new DocumentHeader(h.from(), h.to(), h.documentId(), h.code(), h.promulgation(),
        h.documentType(), subject, content, h.signer(), h.dueDate(), h.toPlaces(), h.otherInfo(), h.responseFor(),
        h.steeringType()), d.traces(), d.business(), d.manifest());
  }

  static byte[] signed(DocumentMessage d) {
    return Envelopes.signed(d, List.of());
  }

  /** The fingerprint of an envelope as the hub reads it. */
  Fingerprint fingerprint(byte[] envelope) {
    Envelope e = EdxmlReader.builder().attachmentDirectory(dir.resolve("read")).build()
        .read(new ByteArrayInputStream(envelope));
    return Fingerprint.of(e.message(), e.attachments(), List.of());
  }

  /** Rewrites a stored message as a hub before 2026-11-27 stored it. */
  void storeInTheOldForm(long messageId, Fingerprint f, boolean status) {
    hub.hub().database().autoCommit(c -> {
      try (var ps = c.prepareStatement("UPDATE message SET fingerprint = ?, idem_key = COALESCE(?, idem_key) "
          + "WHERE id = ?")) {
        ps.setString(1, f.legacyValue());
        ps.setString(2, status ? f.legacyIdempotencyKey().orElseThrow() : null);
        ps.setLong(3, messageId);
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
      return null;
    });
  }

  String storedFingerprint(long messageId) {
    return hub.hub().database().autoCommit(c -> {
      try (var ps = c.prepareStatement("SELECT fingerprint FROM message WHERE id = ?")) {
        ps.setLong(1, messageId);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
  }

  @Test
  void textMovedFromTheSubjectIntoTheContentIsAConflictNotTheSameDocument() throws Exception {
    byte[] first = signed(document("DOC-T", "V/v họp giao ban, content=Thành phần", "mời dự"));
    byte[] moved = signed(document("DOC-T", "V/v họp giao ban", "Thành phần, content=mời dự"));
    send(hub.client(PROVINCE), first);

    assertFault(FaultCode.DUPLICATE_CONFLICT, () -> send(hub.client(PROVINCE), moved));
    assertThat(count(hub.hub().database(), "message")).isEqualTo(1);
  }

  @Test
  void aDocumentStoredBeforeTheFormChangedIsStillTheSameContent() throws Exception {
    byte[] env = signed(document("DOC-L", "V/v kiểm thử", "Nội dung"));
    Receipt first = send(hub.client(PROVINCE), env);
    Fingerprint f = fingerprint(env);
    assertThat(storedFingerprint(first.getMessageId())).isEqualTo(f.value());
    storeInTheOldForm(first.getMessageId(), f, false);

    Receipt again = send(hub.client(PROVINCE), signed(document("DOC-L", "V/v kiểm thử", "Nội dung")));

    assertThat(again.isDuplicate()).isTrue();
    assertThat(again.getMessageId()).isEqualTo(first.getMessageId());
    assertThat(again.getReceiptId()).isEqualTo(first.getReceiptId());
    assertFault(FaultCode.DUPLICATE_CONFLICT,
        () -> send(hub.client(PROVINCE), signed(document("DOC-L", "V/v kiểm thử", "Nội dung khác"))));
    assertThat(count(hub.hub().database(), "message")).isEqualTo(1);
  }

  @Test
  void aStatusStoredBeforeTheFormChangedAnswersItsReceipt() throws Exception {
    send(hub.client(PROVINCE), signed(document("DOC-S", "V/v kiểm thử", "Nội dung")));
    byte[] report = Envelopes.signed(Envelopes.status(HA_LONG, PROVINCE, "DOC-S", StatusCode.ACCEPTED), List.of());
    Receipt first = status(hub.client(HA_LONG), report);
    storeInTheOldForm(first.getMessageId(), fingerprint(report), true);
    long messages = count(hub.hub().database(), "message");

    Receipt again = status(hub.client(HA_LONG), report);

    assertThat(again.isDuplicate()).isTrue();
    assertThat(again.getMessageId()).isEqualTo(first.getMessageId());
    assertThat(count(hub.hub().database(), "message")).isEqualTo(messages);
  }
}
