package vn.lienthong.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.api.ws.*;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;

class SendAndReceiveH2Test {

  @TempDir Path dir;
  HubFixture fixture;

  @BeforeEach
  void start() {
    fixture = HubFixture.h2(dir.resolve("hub"), Clock.systemUTC(), Duration.ofMinutes(5));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aDocumentSentToAUnitArrivesInItsInbox() throws Exception {
    Attachment pdf = Envelopes.file(dir.resolve("files"), "vanban.pdf", 100_000, 1);
    byte[] env = Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, "DOC-1", List.of(DemoSet.HA_LONG),
        List.of(pdf)), List.of(pdf));
    SendDocumentRequest send = new SendDocumentRequest();
    send.setEnvelope(Envelopes.handler(env));
    Receipt receipt = fixture.client(DemoSet.PROVINCE).sendDocument(send).getReceipt();
    assertThat(receipt.getRecipients()).isEqualTo(1);
    assertThat(receipt.isDuplicate()).isFalse();

    GetPendingMessagesResponse pending = fixture.client(DemoSet.HA_LONG).getPendingMessages(new GetPendingMessagesRequest());
    assertThat(pending.getMessage()).hasSize(1);
    MessageInfo info = pending.getMessage().get(0);
    assertThat(info.getDocumentId()).isEqualTo("DOC-1");
    GetMessageRequest get = new GetMessageRequest();
    get.setMessageRef(info.getMessageRef());
    GetMessageResponse message = fixture.client(DemoSet.HA_LONG).getMessage(get);
    byte[] fetched;
    try (var in = message.getEnvelope().getInputStream()) {
      fetched = in.readAllBytes();
    }
    assertThat(fetched).isEqualTo(env);
  }
}
