package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.pki.DigestAlgorithm;
import vn.lienthong.core.pki.TimeStampClient;

/**
 * An operator who rewrites the audit log and has the rewritten heads time-stamped again, by the
 * very TSA the hub anchors with (it stamps whatever hash it is sent): the new tokens are dated at
 * the rewrite, after the entries that followed each anchored head were written.
 */
class AuditReanchorTest {

  static final Instant YESTERDAY = Instant.now().minus(Duration.ofDays(1));

  static List<AuditLogPage.Entry> chain(String actorOfEntry2) {
    List<AuditLogPage.Entry> entries = new ArrayList<>();
    String prev = AuditLogCheck.GENESIS;
    String[] actors = {"000.00.00.H49", actorOfEntry2, "000.00.04.H49", "000.00.02.H49"};
    for (int i = 0; i < actors.length; i++) {
      AuditLogPage.Entry draft = new AuditLogPage.Entry(i + 1, YESTERDAY.plus(Duration.ofHours(i)), "SEND", actors[i],
          (long) (i + 1), "ref=" + (i + 1), prev, "");
      String hash = AuditLogCheck.hash(draft);
      entries.add(new AuditLogPage.Entry(draft.sequence(), draft.time(), draft.event(), draft.actor(), draft.subject(),
          draft.details(), prev, hash));
      prev = hash;
    }
    return entries;
  }

  static AuditLogPage.Anchor stampNow(AuditLogPage.Entry e) throws Exception {
    byte[] token = new TimeStampClient(TestHub.SERVICES.urls().tsa(), Clock.systemUTC(), new SecureRandom(),
        Duration.ofSeconds(10)).stamp(DigestAlgorithm.SHA256, HexFormat.of().parseHex(e.hash())).encoded();
    return new AuditLogPage.Anchor(e.sequence(), e.hash(), e.time().plusSeconds(1), token);
  }

  @Test
  void anchorsStampedAfterTheNextEntryWasWrittenAreNotBelieved() throws Exception {
    // entry 2's actor rewritten, 2..4 re-hashed, the heads at 2 and 4 stamped today
    List<AuditLogPage.Entry> rewritten = chain("000.00.99.H49");
    List<AuditLogPage.Anchor> anchors = List.of(stampNow(rewritten.get(1)), stampNow(rewritten.get(3)));

    AuditLogVerification v = AuditLogCheck.check(rewritten, anchors, TestHub.PKI.trustAnchors());

    assertThat(v.outcome()).isEqualTo("ANCHOR_INVALID");
    assertThat(v.brokenSequence()).isEqualTo(2);
  }

  @Test
  void anAnchorAtTheHeadStampedNowIsFine() throws Exception {
    List<AuditLogPage.Entry> log = chain("000.00.03.H49");
    assertThat(AuditLogCheck.check(log, List.of(stampNow(log.get(3))), TestHub.PKI.trustAnchors()).ok()).isTrue();
  }
}
