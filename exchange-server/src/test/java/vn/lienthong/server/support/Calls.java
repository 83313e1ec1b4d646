package vn.lienthong.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import vn.lienthong.server.api.ws.*;
import vn.lienthong.server.store.Database;

/** Short forms of the calls tests make, and what they assert about stored state. */
public final class Calls {

  private Calls() {}

  /** A call that may fail with the contract's fault. */
  @FunctionalInterface
  public interface Call<T> {
    T run() throws Exception;
  }

  /** Asserts the call fails with a typed fault of {@code code}, with a readable message. */
  public static ExchangeFaultDetail assertFault(FaultCode code, Call<?> call) {
    try {
      call.run();
    } catch (ExchangeFault f) {
      assertThat(f.getFaultInfo().getCode()).as(f.getFaultInfo().getMessage()).isEqualTo(code);
      assertThat(f.getFaultInfo().getMessage()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
      return f.getFaultInfo();
    } catch (Exception e) {
      fail("expected fault " + code + " but got " + e, e);
    }
    return fail("expected fault " + code + " but the call succeeded");
  }

  public static Receipt send(ExchangePortType client, byte[] envelope, String... addresses) throws ExchangeFault {
    SendDocumentRequest r = new SendDocumentRequest();
    r.setEnvelope(Envelopes.handler(envelope));
    r.setEnvelopeSha256(sha256(envelope));
    r.getAddress().addAll(List.of(addresses));
    return client.sendDocument(r).getReceipt();
  }

  public static Receipt status(ExchangePortType client, byte[] envelope) throws ExchangeFault {
    SendStatusRequest r = new SendStatusRequest();
    r.setEnvelope(Envelopes.handler(envelope));
    r.setEnvelopeSha256(sha256(envelope));
    return client.sendStatus(r).getReceipt();
  }

  public static List<MessageInfo> pending(ExchangePortType client, int max) throws ExchangeFault {
    GetPendingMessagesRequest r = new GetPendingMessagesRequest();
    r.setMax(max);
    return client.getPendingMessages(r).getMessage();
  }

  public static List<MessageInfo> pending(ExchangePortType client) throws ExchangeFault {
    return pending(client, 500);
  }

  public static byte[] fetch(ExchangePortType client, long ref) throws Exception {
    GetMessageRequest r = new GetMessageRequest();
    r.setMessageRef(ref);
    try (var in = client.getMessage(r).getEnvelope().getInputStream()) {
      return in.readAllBytes();
    }
  }

  public static ConfirmReceivedResponse confirm(ExchangePortType client, MessageInfo m) throws ExchangeFault {
    ConfirmReceivedRequest r = new ConfirmReceivedRequest();
    r.setMessageRef(m.getMessageRef());
    r.setLeaseToken(m.getLeaseToken());
    return client.confirmReceived(r);
  }

  /** One entry of a batch confirmation. */
  public static Confirm entry(long messageRef, String leaseToken) {
    Confirm c = new Confirm();
    c.setMessageRef(messageRef);
    c.setLeaseToken(leaseToken);
    return c;
  }

  public static List<ConfirmResult> confirmBatch(ExchangePortType client, List<Confirm> entries) throws ExchangeFault {
    ConfirmReceivedBatchRequest r = new ConfirmReceivedBatchRequest();
    r.getConfirm().addAll(entries);
    return client.confirmReceivedBatch(r).getResult();
  }

  public static GetTracesResponse traces(ExchangePortType client, String documentId) throws ExchangeFault {
    GetTracesRequest r = new GetTracesRequest();
    r.setDocumentId(documentId);
    return client.getTraces(r);
  }

  /** SHA-256 in lower-case hex, as {@code EnvelopeSha256} wants it. */
  public static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 of a file, streamed. */
  public static String sha256(Path file) {
    try (var in = Files.newInputStream(file)) {
      var md = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
      return java.util.HexFormat.of().formatHex(md.digest());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows in a table. */
  public static long count(Database db, String table) {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Payload files stored under their names (temporary files and retention's trash not counted). */
  public static long payloadFiles(Path dataDir) {
    Path root = dataDir.resolve("payloads");
    try (var files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).filter(p -> !p.startsWith(root.resolve("tmp")))
          .filter(p -> !p.startsWith(root.resolve("trash"))).count();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
