package vn.lienthong.client.example;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import vn.lienthong.client.DocumentBuilder;
import vn.lienthong.client.ExchangeClient;
import vn.lienthong.client.InboxPoller;
import vn.lienthong.client.Receipt;
import vn.lienthong.client.Traces;
import vn.lienthong.core.edxml.EnvelopeSigner;
import vn.lienthong.core.edxml.Priority;
import vn.lienthong.core.pki.SigningKey;

/** The README's "Integrating an agency system" example; {@code ReadmeExampleTest} runs it and checks the README quotes it. */
public final class AgencyIntegration {

  private AgencyIntegration() {}

  /** Sends {@code pdf} to the Department of Home Affairs, then takes in whatever waits for this unit. */
  public static List<Path> run(String hub, Path systemP12, char[] password, List<java.security.cert.X509Certificate> roots,
      Path pdf, Path work) throws Exception {
    // README:begin
    SigningKey unitKey = SigningKey.fromPkcs12(systemP12, password, null);   // or SigningKey.fromPkcs11(...)
    List<Path> received = new ArrayList<>();
    try (ExchangeClient client = ExchangeClient.builder()
        .hub(hub)                                  // https://…/exchange
        .identity(unitKey)                         // the unit's system certificate (mutual TLS)
        .trustedRoots(roots)                       // the roots the hub's certificate chains to
        .build()) {

      // 1. send: the clerk's metadata, the files, one signed edXML envelope
      Path envelope = DocumentBuilder.from("000.00.00.H49", "Ủy ban nhân dân tỉnh Quảng Ninh", Clock.systemUTC())
          .to("000.00.03.H49", "Sở Nội vụ")
          .documentId("UBND-2026-0412")            // a resend with the same id is answered, not duplicated
          .code("412", "UBND-VP").type(1, "Công văn")
          .subject("V/v triển khai trục liên thông văn bản điện tử")
          .signer("TM. ỦY BAN NHÂN DÂN", "Chủ tịch", "Phạm Văn Mẫu")
          .priority(Priority.URGENT)
          .attach(pdf, "application/pdf", "Công văn")
          .write(EnvelopeSigner.of(unitKey.privateKey(), unitKey.certificate()), work.resolve("out.edxml"));
      Receipt receipt = client.send(envelope);     // retried on network failures
      System.out.println("sent, receipt " + receipt.receiptId());

      // 2. receive: each message is fetched to a file, handed over, confirmed only if handling succeeded
      InboxPoller poller = InboxPoller.manual(client, work, message -> received.add(message.envelope()),
          failure -> System.err.println("not taken in: " + failure));
      poller.pollOnce();                           // or InboxPoller.start(..., Duration.ofMinutes(1), ...)

      // 3. follow up: what became of the document at each recipient
      Traces traces = client.traces("UBND-2026-0412");
      traces.recipients().forEach(r -> System.out.println(r.organId() + " " + r.delivery() + " " + r.codes()));
    }
    // README:end
    return received;
  }
}
