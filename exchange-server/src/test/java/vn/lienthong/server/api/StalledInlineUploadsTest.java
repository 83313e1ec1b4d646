package vn.lienthong.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.HA_LONG;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.support.Calls;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.H2HubTest;
import vn.lienthong.server.support.RawHttps;
import vn.lienthong.server.support.RawSoap;
import vn.lienthong.server.support.TestPki;

/**
 * A plain (not MTOM) request that declares more than 1 MiB takes one of the few large-request
 * permits (one per 96 MiB of heap) as soon as its headers are in, before any of its body: uploads
 * that declare a large body and then send nothing hold them all, and every other unit's large
 * inline envelope (zeep cannot send MTOM) waits 30 s and is refused UNAVAILABLE for as long as the
 * stalled uploads are kept open, although they hold no memory.
 */
class StalledInlineUploadsTest extends H2HubTest {

  SSLSocket stalled(String unit) throws Exception {
    return stalled(unit, 0);
  }

  /** An upload that declares 12 MB, sends {@code sent} bytes of its body, then nothing more. */
  SSLSocket stalled(String unit, int sent) throws Exception {
    return new RawHttps(hub.hub().address()).stalled(unit, 12_000_000, sent);
  }

  @Test
  void uploadsThatSendNothingDoNotHoldOffOtherUnitsLargeInlineEnvelopes() throws Exception {
    // a 1.5 MB spreadsheet: the inline request is over 1 MiB
    Path csv = dir.resolve("table.csv");
    byte[] bytes = new byte[1_500_000];
    new Random(3).nextBytes(bytes);
    bytes[0] = 'a';
    Files.write(csv, bytes);
    Attachment a = Attachment.of("cid:table", "table.csv", "Bảng", "text/csv", csv);
    byte[] envelope = Envelopes.signed(Envelopes.document(HA_LONG, "INLINE-BIG", List.of(PROVINCE), List.of(a)),
        List.of(a));
    byte[] request = RawSoap.bytes(RawSoap.sign(RawSoap.parse(SoapInputTest.sendDocument(
        Base64.getEncoder().encodeToString(envelope), Calls.sha256(envelope))), TestPki.PKI.system(HA_LONG),
        Clock.systemUTC(), true, true));
    assertThat(request.length).isGreaterThan((int) SoapXmlBudget.SMALL_BYTES);

    long permits = Math.max(1, Runtime.getRuntime().maxMemory() / (96L << 20));
    List<SSLSocket> slow = new ArrayList<>();
    try {
      List<String> units = DemoSet.units().stream().map(u -> u.organId()).filter(u -> !u.equals(HA_LONG)).toList();
      // 16 from each unit at most: the hub lets a certificate have 16 requests in progress
      for (int i = 0; slow.size() < permits + 2 && i < units.size() * 16; i++) {
        slow.add(stalled(units.get(i / 16)));
      }
      Thread.sleep(1000);
      long t0 = System.nanoTime();
      RawSoap.Answer answer = RawSoap.post(hub.hub().address(), TestPki.PKI.system(HA_LONG),
          TestPki.PKI.trustAnchors(), request);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println(permits + " permits, " + slow.size() + " stalled uploads; answer " + answer.status() + " "
          + answer.faultCode() + " after " + ms + " ms");
      assertThat(answer.faultCode()).as("%s stalled uploads that sent nothing: %s after %d ms", slow.size(),
          answer.faultMessage(), ms).isNull();
      assertThat(answer.status()).isEqualTo(200);
    } finally {
      for (SSLSocket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void anUploadThatStallsHoldingAPermitIsCutOffAndTheOthersGoOn() throws Exception {
    long permits = Math.max(1, Runtime.getRuntime().maxMemory() / (96L << 20));
    List<SSLSocket> slow = new ArrayList<>();
    try {
      List<String> units = DemoSet.units().stream().map(u -> u.organId()).filter(u -> !u.equals(HA_LONG)).toList();
      for (int i = 0; slow.size() < permits + 2 && i < units.size() * 16; i++) {
        slow.add(stalled(units.get(i / 16), (int) SoapXmlBudget.SMALL_BYTES + 200_000)); // each took a permit
      }
      long t0 = System.nanoTime();
      String first = RawHttps.answerOf(slow.get(0), 60_000);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println("stalled permit holder answered after " + ms + " ms: " + first.lines().findFirst().orElse("")
          + " " + new RawSoap.Answer(500, first).faultCode());
      assertThat(ms).isLessThan(20_000);
      byte[] envelope = Envelopes.signed(Envelopes.document(HA_LONG, "INLINE-AFTER", List.of(PROVINCE), List.of()),
          List.of());
      byte[] request = RawSoap.bytes(RawSoap.sign(RawSoap.parse(SoapInputTest.sendDocument(
          Base64.getEncoder().encodeToString(envelope) + " ".repeat(1_200_000), Calls.sha256(envelope))),
          TestPki.PKI.system(HA_LONG), Clock.systemUTC(), true, true));
      RawSoap.Answer answer = RawSoap.post(hub.hub().address(), TestPki.PKI.system(HA_LONG),
          TestPki.PKI.trustAnchors(), request);
      assertThat(answer.faultCode()).as(answer.faultMessage()).isNull();
    } finally {
      for (SSLSocket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void aPermitHolderThatTricklesIsRefusedAsTooSlow() throws Exception {
    SSLSocket s = stalled(PROVINCE, (int) SoapXmlBudget.SMALL_BYTES + 200_000);
    try {
      long t0 = System.nanoTime();
      java.util.concurrent.CompletableFuture<String> answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return RawHttps.answerOf(s, 60_000);
        } catch (Exception e) {
          return e.toString();
        }
      });
      OutputStream out = s.getOutputStream();
      while (!answer.isDone() && System.nanoTime() - t0 < 60_000_000_000L) {
        Thread.sleep(1000); // a byte a second: never idle for 10 s, far under 16 KiB/s
        try {
          out.write(' ');
          out.flush();
        } catch (java.io.IOException closed) {
          break;
        }
      }
      RawSoap.Answer a = new RawSoap.Answer(500, answer.get());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(a.faultCode()).as(a.body()).isEqualTo("INVALID_REQUEST");
      assertThat(a.faultMessage()).contains("the request arrives too slowly");
      assertThat(ms).isLessThan(20_000);
    } finally {
      s.close();
    }
  }

  /** The permit is taken on the body's bytes: a request that gets none is refused UNAVAILABLE while it is read. */
  @Test
  void aPermitIsTakenOnTheBodysBytesAndItsAbsenceIsUnavailable() throws Exception {
    SoapXmlBudget budget = new SoapXmlBudget(96L << 20, java.time.Duration.ofMillis(100));
    org.apache.cxf.message.Message first = SoapInputTest.request("text/xml; charset=UTF-8");
    first.setContent(InputStream.class, new java.io.ByteArrayInputStream(new byte[3 << 20]));
    org.apache.cxf.message.Message second = SoapInputTest.request("text/xml; charset=UTF-8");
    second.setContent(InputStream.class, new java.io.ByteArrayInputStream(new byte[3 << 20]));

    budget.admit().handleMessage(first);
    budget.admit().handleMessage(second);
    assertThat(budget.available()).as("headers alone take no permit").isEqualTo(1);
    InputStream in = first.getContent(InputStream.class);
    in.readNBytes((int) SoapXmlBudget.SMALL_BYTES);
    assertThat(budget.available()).isEqualTo(1);
    in.readNBytes(10);
    assertThat(budget.available()).as("past 1 MiB of body").isZero();

    InputStream other = second.getContent(InputStream.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.readNBytes(2 << 20))
        .isInstanceOf(java.io.IOException.class)
        .cause().isInstanceOfSatisfying(vn.lienthong.server.error.HubException.class,
            h -> assertThat(h.error()).isEqualTo(vn.lienthong.server.error.HubError.UNAVAILABLE));
    assertThat(TypedFaults.classify(new org.apache.cxf.interceptor.Fault(new java.io.IOException("x",
        new vn.lienthong.server.error.HubException(vn.lienthong.server.error.HubError.UNAVAILABLE, "busy"))))
        .error()).isEqualTo(vn.lienthong.server.error.HubError.UNAVAILABLE);

    budget.release().handleMessage(first);
    assertThat(budget.available()).isEqualTo(1);
  }
}
