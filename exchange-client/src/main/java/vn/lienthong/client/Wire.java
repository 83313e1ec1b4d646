package vn.lienthong.client;

import jakarta.activation.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import javax.xml.datatype.XMLGregorianCalendar;
import vn.lienthong.client.ws.CertificateInfo;
import vn.lienthong.client.ws.ConfirmResult;
import vn.lienthong.client.ws.ExchangeFaultDetail;
import vn.lienthong.client.ws.MessageInfo;
import vn.lienthong.client.ws.RecipientTrace;
import vn.lienthong.client.ws.TraceEvent;
import vn.lienthong.client.ws.Unit;
import vn.lienthong.client.ws.UnitData;

/** Contract types to the client's records and back. */
final class Wire {

  private Wire() {}

  static Instant instant(XMLGregorianCalendar c) {
    return c == null ? null : c.toGregorianCalendar().toInstant();
  }

  static Receipt receipt(vn.lienthong.client.ws.Receipt r) {
    return new Receipt(r.getReceiptId(), r.getMessageId(), MessageKind.valueOf(r.getKind().value()), r.getFrom(),
        r.getDocumentId(), r.getContentSha256(), instant(r.getReceivedAt()), r.getRecipients(), r.isDuplicate(),
        r.getSignedReceipt());
  }

  /** One entry's answer of ConfirmReceivedBatch. */
  static ConfirmOutcome outcome(ConfirmResult r) {
    ExchangeFaultDetail refusal = r.getExchangeFaultDetail();
    if (refusal != null) {
      // a code this client does not know (a later hub's) reads as the hub's internal error, as a
      // fault does: the other entries of the batch, confirmed already, are still reported
      FaultCode code = refusal.getCode() == null ? FaultCode.INTERNAL_ERROR : FaultCode.valueOf(refusal.getCode().value());
      return new ConfirmOutcome.Refused(r.getMessageRef(), code, String.valueOf(refusal.getMessage()));
    }
    return new ConfirmOutcome.Confirmed(r.getMessageRef(), new Confirmation(instant(r.getConfirmedAt()),
        Boolean.TRUE.equals(r.isAlreadyConfirmed()), r.getDeliveryEvidence()));
  }

  static InboxMessage message(MessageInfo m) {
    return new InboxMessage(m.getMessageRef(), m.getMessageId(), MessageKind.valueOf(m.getKind().value()),
        m.getFrom(), m.getDocumentId(), m.getBusinessType(), m.getStatusCode(), m.getSubject(), m.getSize(),
        instant(m.getReceivedAt()), m.getLeaseToken(), instant(m.getLeaseUntil()), m.isRevoked(), m.isWithdrawn(),
        m.getReplacedBy(), m.getRelatedDocumentId());
  }

  static Traces.Recipient recipient(RecipientTrace r) {
    return new Traces.Recipient(r.getOrganId(), r.getDelivery(), r.getLatest() == null ? null : event(r.getLatest()),
        r.getHistory().stream().map(Wire::event).toList());
  }

  static Traces.Event event(TraceEvent e) {
    return new Traces.Event(e.getStatusCode(), instant(e.getAt()), e.getReportedBy(), e.getDescription());
  }

  static UnitRecord unit(Unit u) {
    UnitData d = u.getData();
    UnitRecord.Data data = new UnitRecord.Data(d.getOrganId(), d.getParentId(), d.getName(),
        nz(d.getKind()), nz(d.getEmail()), nz(d.getTelephone()), nz(d.getFax()), nz(d.getAddress()));
    return new UnitRecord(data, u.isActive(), u.getVersion(), u.getCertificate().stream().map(Wire::certificate).toList());
  }

  static UnitRecord.Certificate certificate(CertificateInfo c) {
    return new UnitRecord.Certificate(c.getSha256(), c.getSubject(), instant(c.getNotAfter()), c.isRevoked(),
        c.getDer());
  }

  static UnitData data(UnitRecord.Data d) {
    UnitData w = new UnitData();
    w.setOrganId(d.organId());
    w.setParentId(d.parentId());
    w.setName(d.name());
    w.setKind(d.kind());
    w.setEmail(d.email());
    w.setTelephone(d.telephone());
    w.setFax(d.fax());
    w.setAddress(d.address());
    return w;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** An envelope file as an MTOM attachment, read from disk as it is sent. */
  record FileSource(Path file, Progress progress) implements DataSource {
    @Override
    public InputStream getInputStream() throws IOException {
      return new Counting(Files.newInputStream(file), getName(), Files.size(file), progress);
    }

    @Override
    public OutputStream getOutputStream() {
      throw new UnsupportedOperationException("read only");
    }

    @Override
    public String getContentType() {
      return "application/octet-stream";
    }

    @Override
    public String getName() {
      return file.getFileName().toString();
    }
  }

  /** Counts the bytes read through it for a {@link Progress}. */
  static final class Counting extends java.io.FilterInputStream {
    private final String name;
    private final long total;
    private final Progress progress;
    private long done;

    Counting(InputStream in, String name, long total, Progress progress) {
      super(in);
      this.name = name;
      this.total = total;
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        progress.update(name, ++done, total);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        done += n;
        progress.update(name, done, total);
      }
      return n;
    }
  }
}
