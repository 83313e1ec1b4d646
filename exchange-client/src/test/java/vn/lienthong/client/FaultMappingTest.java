package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hub's answers as a later hub version may give them: codes this client does not know. */
class FaultMappingTest {

  static final String NS = "urn:lienthong:exchange:1";

  static ExchangeClient client(FakeHub fake) {
    List<Duration> waits = new ArrayList<>();
    return ExchangeClient.builder().hub(fake.address())
        .identity(TestHub.keyStore(TestHub.PKI.system(PROVINCE)), TestHub.PASSWORD)
        .trustedRoots(TestHub.PKI.trustAnchors())
        .retry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20)))
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)).sleeper(waits::add).build();
  }

  static void soap(java.net.Socket s, int status, String body) throws Exception {
    FakeHub.readRequest(s.getInputStream());
    byte[] b = ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + body
        + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
    OutputStream out = s.getOutputStream();
    out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: text/xml; charset=UTF-8\r\nContent-Length: " + b.length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(b);
    out.flush();
    Thread.sleep(200);
    s.close();
  }

  static InboxMessage entry(long ref) {
    return new InboxMessage(ref, ref, MessageKind.DOCUMENT, "000.00.00.H49", "D", 0, null, "", 1, null, "lease", null,
        false, false, null, List.of());
  }

  @Test
  @Timeout(60)
  void aBatchEntryRefusedWithACodeThisClientDoesNotKnowIsReportedNotACrash() throws Exception {
    try (FakeHub fake = new FakeHub(true, s -> soap(s, 200, "<ConfirmReceivedBatchResponse xmlns=\"" + NS + "\">"
        + "<Result><MessageRef>1</MessageRef><ConfirmedAt>2026-11-26T10:00:00Z</ConfirmedAt>"
        + "<AlreadyConfirmed>false</AlreadyConfirmed></Result>"
        + "<Result><MessageRef>2</MessageRef><ExchangeFaultDetail><Code>QUOTA_EXCEEDED</Code>"
        + "<Message>Vượt hạn mức / quota exceeded</Message></ExchangeFaultDetail></Result>"
        + "</ConfirmReceivedBatchResponse>"));
        ExchangeClient c = client(fake)) {
      List<ConfirmOutcome> outcomes = c.confirmAll(List.of(entry(1), entry(2)));
      assertThat(outcomes).hasSize(2);
      assertThat(outcomes.get(0)).isInstanceOf(ConfirmOutcome.Confirmed.class);
      assertThat(outcomes.get(1)).isInstanceOfSatisfying(ConfirmOutcome.Refused.class,
          r -> {
            assertThat(r.code()).isEqualTo(FaultCode.INTERNAL_ERROR);
            assertThat(r.message()).contains("quota exceeded");
          });
    }
  }

  @Test
  @Timeout(60)
  void aFaultWithACodeThisClientDoesNotKnowIsAnExchangeException() throws Exception {
    try (FakeHub fake = new FakeHub(true, s -> soap(s, 500, "<soap:Fault><faultcode>soap:Server</faultcode>"
        + "<faultstring>Vượt hạn mức</faultstring><detail><ExchangeFaultDetail xmlns=\"" + NS + "\">"
        + "<Code>QUOTA_EXCEEDED</Code><Message>Vượt hạn mức / quota exceeded</Message></ExchangeFaultDetail>"
        + "</detail></soap:Fault>"));
        ExchangeClient c = client(fake)) {
      assertThatThrownBy(c::units).isInstanceOfSatisfying(ExchangeException.class,
          e -> assertThat(e.code()).isEqualTo(FaultCode.INTERNAL_ERROR));
    }
  }
}
