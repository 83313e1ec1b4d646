package vn.lienthong.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.assertFault;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.api.ws.FaultCode;
import vn.lienthong.server.api.ws.GetTracesRequest;
import vn.lienthong.server.support.H2HubTest;

/**
 * What a caller sends must not forge lines in the hub's log: a refusal that echoes a field the
 * caller chose (here GetTraces' DocumentId) is logged, and a line break in it started a line of
 * the attacker's making.
 */
class LogInjectionTest extends H2HubTest {

  static final String FORGED = "[hub-background] ERROR vn.lienthong.server.Hub - FORGED disk failure";

  @Test
  void aLineBreakInAnEchoedDocumentIdForgesNoLogLine() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      GetTracesRequest r = new GetTracesRequest();
      r.setDocumentId("X\r\n" + FORGED + "\n" + FORGED + "\u2028" + FORGED);
      assertThat(assertFault(FaultCode.UNKNOWN_DOCUMENT, () -> hub.client(DemoSet.PROVINCE).getTraces(r)).getMessage())
          .as("the DocumentId is still echoed, its line breaks visible").contains("X[U+000D][U+000A]" + FORGED);
    } finally {
      System.err.flush();
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    original.println("captured log:\n" + log);
    assertThat(log).as("the refusal was logged").contains("UNKNOWN_DOCUMENT");
    assertThat(Arrays.stream(log.split("\r\n|\r|\n|\u0085")).filter(l -> l.startsWith(FORGED)))
        .as("lines starting with the caller's text").isEmpty();
  }
}
