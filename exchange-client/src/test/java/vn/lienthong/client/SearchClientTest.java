package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.sample.pki.DemoSet.FINANCE;
import static vn.lienthong.sample.pki.DemoSet.HOME_AFFAIRS;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ExchangeClient#search} against a real hub: sent and received together, filters, pages
 * followed with {@link MessageQuery#next}, an auditor's search of another unit, and a unit refused
 * another's.
 */
class SearchClientTest {

  @TempDir Path dir;

  Path envelope(String id, String subject) throws Exception {
    return DocumentBuilder.from(PROVINCE, "Ủy ban nhân dân tỉnh Quảng Ninh", Clock.systemUTC())
        .to(HOME_AFFAIRS, "Sở Nội vụ").documentId(id).code("7", "UBND-NC").type(1, "Công văn").subject(subject)
        .signer("TM. ỦY BAN NHÂN DÂN", "Chủ tịch", "Phạm Văn Mẫu")
        .attach(EndToEndTest.pdfIn(dir, id + ".pdf", 20_000), "application/pdf", "Công văn")
        .write(TestHub.signer(PROVINCE), dir.resolve(id + ".edxml"));
  }

  @Test
  void aUnitFindsWhatItSentAndReceivedAndPagesThroughIt() throws Exception {
    try (TestHub hub = TestHub.start(dir);
        ExchangeClient province = hub.client(PROVINCE);
        ExchangeClient homeAffairs = hub.client(HOME_AFFAIRS);
        ExchangeClient finance = hub.client(FINANCE);
        ExchangeClient auditor = hub.client(TestHub.AUDITOR)) {
      List<Receipt> sent = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        sent.add(province.send(envelope("TK-" + i, i == 3 ? "V/v tổ chức hội nghị tổng kết" : "V/v công tác " + i)));
      }
      InboxMessage third = homeAffairs.pending(10, MessageKind.DOCUMENT).messages().stream()
          .filter(m -> m.documentId().equals("TK-3")).findFirst().orElseThrow();
      homeAffairs.confirm(third);

      MessagePage mine = province.search(MessageQuery.builder().kind(MessageKind.DOCUMENT).build());
      assertThat(mine.hits()).extracting(MessageHit::documentId).containsExactly("TK-4", "TK-3", "TK-2", "TK-1");
      MessageHit hit = mine.hits().get(1);
      assertThat(hit.messageId()).isEqualTo(sent.get(2).messageId());
      assertThat(hit.direction()).isEqualTo(MessageHit.Direction.SENT);
      assertThat(hit.code()).isEqualTo("7/UBND-NC");
      assertThat(hit.recipients()).isEqualTo(1);
      assertThat(hit.confirmed()).isEqualTo(1);
      assertThat(hit.receipt()).isEqualTo(MessageHit.ReceiptState.NONE);   // this hub has no seal
      assertThat(hit.receivedAt()).isNotNull();

      assertThat(homeAffairs.search(MessageQuery.builder().text("HỘI NGHỊ").build()).hits())
          .singleElement().satisfies(h -> {
            assertThat(h.documentId()).isEqualTo("TK-3");
            assertThat(h.direction()).isEqualTo(MessageHit.Direction.RECEIVED);
            assertThat(h.delivery()).isEqualTo("CONFIRMED");
            assertThat(h.from()).isEqualTo(PROVINCE);
          });
      // the confirmation's status 01 came back to the province
      assertThat(province.search(MessageQuery.builder().direction(MessageHit.Direction.RECEIVED).build()).hits())
          .extracting(h -> h.kind() + " " + h.statusCode() + " " + h.documentId()).containsExactly("STATUS 01 TK-3");

      MessageQuery query = MessageQuery.builder().kind(MessageKind.DOCUMENT).received(sent.get(1).receivedAt(), null)
          .max(2).build();
      MessagePage first = province.search(query);
      assertThat(first.more()).isTrue();
      MessagePage second = province.search(query.next(first));
      assertThat(second.more()).isFalse();
      assertThat(second.nextBefore()).isNull();
      assertThat(first.hits()).extracting(MessageHit::documentId).containsExactly("TK-4", "TK-3");
      assertThat(second.hits()).extracting(MessageHit::documentId).containsExactly("TK-2");
      assertThatThrownBy(() -> query.next(second)).isInstanceOf(IllegalStateException.class);

      assertThat(auditor.search(MessageQuery.builder().unit(PROVINCE).documentId("TK-2").build()).hits())
          .extracting(MessageHit::documentId).containsExactly("TK-2");
      assertThatThrownBy(() -> finance.search(MessageQuery.builder().unit(PROVINCE).build()))
          .isInstanceOfSatisfying(ExchangeException.class, e -> {
            assertThat(e.code()).isEqualTo(FaultCode.NOT_AUTHORIZED);
            assertThat(e.field()).contains("Unit");
          });
      assertThatThrownBy(() -> province.search(MessageQuery.builder().text("x").build()))
          .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.code()).isEqualTo(FaultCode.INVALID_REQUEST));
      assertThatThrownBy(() -> MessageQuery.builder().max(201).build()).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
