package vn.lienthong.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.assertFault;
import static vn.lienthong.server.support.Calls.send;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.core.pki.TimeStampClient;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.services.SampleCaServer;
import vn.lienthong.server.HubConfig;
import vn.lienthong.server.api.ws.*;
import vn.lienthong.server.api.ws.AuditEntry;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;

/**
 * The auditor's view of the audit log over HTTPS (H2): every entry paged out with enough to
 * recompute its hash and link, the anchors' tokens over the hashes they name, and the hub's own
 * verification, which names an entry edited behind its back.
 */
class AuditApiTest {

  static final String AUDITOR = DemoSet.PROVINCE_COUNCIL;

  @TempDir Path dir;

  @Test
  void anAuditorReadsTheWholeChainRecomputesItAndSeesTamperingNamed() throws Exception {
    try (SampleCaServer ca = SampleCaServer.bind(0, Clock.systemUTC())) {
      // a TSA of the PKI the hub trusts: an anchor from any other would be ANCHOR_INVALID
      ca.start(vn.lienthong.server.support.TestPki.PKI);
      HubConfig c = HubFixture.config(dir.resolve("hub"), null, Duration.ofMinutes(5));
      HubConfig config = c.toBuilder().auditors(Set.of(OrganId.of(AUDITOR))).build();
      try (HubFixture hub = HubFixture.start(config, Clock.systemUTC(), EvidenceHook.NONE)) {
        Receipt first = send(hub.client(DemoSet.PROVINCE), document("KT-1"));
        AuditAnchoring anchoring = new AuditAnchoring(hub.hub().database(), new TimeStampClient(ca.urls().tsa(),
            Clock.systemUTC(), new SecureRandom(), Duration.ofSeconds(10)), Clock.systemUTC());
        AuditAnchoring.Anchored anchor = anchoring.anchor().orElseThrow();
        send(hub.client(DemoSet.PROVINCE), document("KT-2"));
        ExchangePortType auditor = hub.client(AUDITOR);

        List<AuditEntry> entries = new ArrayList<>();
        List<AuditAnchor> anchors = new ArrayList<>();
        GetAuditLogResponse page;
        long from = 1;
        int pages = 0;
        do {
          page = auditor.getAuditLog(request(from, 3));
          entries.addAll(page.getEntry());
          anchors.addAll(page.getAnchor());
          from += 3;
          pages++;
        } while (page.isMore());
        assertThat(pages).isGreaterThan(1);
        assertThat(entries).hasSize((int) page.getHeadSequence());

        String prev = vn.lienthong.server.audit.AuditEntry.GENESIS;
        for (int i = 0; i < entries.size(); i++) {
          AuditEntry e = entries.get(i);
          assertThat(e.getSequence()).isEqualTo(i + 1);
          assertThat(e.getPreviousHash()).isEqualTo(prev);
          Instant at = Instant.EPOCH.plus(e.getTimeMicros(), ChronoUnit.MICROS);
          assertThat(e.getTime().toGregorianCalendar().toInstant()).isEqualTo(at.truncatedTo(ChronoUnit.MILLIS));
          String recomputed = vn.lienthong.server.audit.AuditEntry.hashOf(e.getSequence(), at, e.getEvent(),
              e.getActor(), e.getSubject(), e.getDetails(), e.getPreviousHash());
          assertThat(recomputed).as("entry " + e.getSequence()).isEqualTo(e.getHash());
          prev = e.getHash();
        }
        assertThat(entries).anySatisfy(e -> {
          assertThat(e.getEvent()).isEqualTo("SEND");
          assertThat(e.getActor()).isEqualTo(DemoSet.PROVINCE);
          assertThat(e.getSubject()).isEqualTo(first.getMessageId());
        });

        assertThat(anchors).singleElement().satisfies(a -> {
          assertThat(a.getSequence()).isEqualTo(anchor.seq());
          assertThat(a.getHeadHash()).isEqualTo(entries.get((int) a.getSequence() - 1).getHash());
          TimeStampToken token = new TimeStampToken(new CMSSignedData(a.getToken()));
          assertThat(token.getTimeStampInfo().getMessageImprintDigest())
              .isEqualTo(HexFormat.of().parseHex(a.getHeadHash()));
        });

        // each page read is itself an entry, appended after the read: the pages before the last were read back
        assertThat(entries).filteredOn(e -> e.getEvent().equals("AUDIT_READ")).hasSize(pages - 1)
            .allSatisfy(e -> assertThat(e.getActor()).isEqualTo(AUDITOR));
        VerifyAuditLogResponse ok = auditor.verifyAuditLog(new VerifyAuditLogRequest());
        assertThat(ok.getOutcome()).isEqualTo("OK");
        assertThat(ok.getEntries()).isEqualTo(entries.size() + 1);
        assertThat(ok.getBrokenSequence()).isNull();
        GetAuditLogResponse after = auditor.getAuditLog(request(entries.size() + 1, 10));
        assertThat(after.getEntry()).extracting(AuditEntry::getEvent).containsExactly("AUDIT_READ", "AUDIT_VERIFY");

        long edited = anchor.seq() + 1;
        hub.hub().database().autoCommit(conn -> {
          try (var ps = conn.prepareStatement("UPDATE audit_event SET detail = 'không có gì' WHERE seq = ?")) {
            ps.setLong(1, edited);
            return ps.executeUpdate();
          }
        });
        VerifyAuditLogResponse broken = auditor.verifyAuditLog(new VerifyAuditLogRequest());
        assertThat(broken.getOutcome()).isEqualTo("ALTERED");
        assertThat(broken.getBrokenSequence()).isEqualTo(edited);
        assertThat(broken.getReason()).contains(String.valueOf(edited));
      }
    }
  }

  @Test
  void pagesAreBoundedAndPastTheHeadEmpty() throws Exception {
    HubConfig c = HubFixture.config(dir.resolve("hub"), null, Duration.ofMinutes(5));
    HubConfig config = c.toBuilder().auditors(Set.of(OrganId.of(AUDITOR))).build();
    try (HubFixture hub = HubFixture.start(config, Clock.systemUTC(), EvidenceHook.NONE)) {
      ExchangePortType auditor = hub.client(AUDITOR);
      assertThat(assertFault(FaultCode.INVALID_REQUEST, () -> auditor.getAuditLog(request(1, 0))).getField())
          .isEqualTo("Max");
      assertThat(assertFault(FaultCode.INVALID_REQUEST, () -> auditor.getAuditLog(request(1, 1001))).getField())
          .isEqualTo("Max");
      assertThat(assertFault(FaultCode.INVALID_REQUEST, () -> auditor.getAuditLog(request(0, 10))).getField())
          .isEqualTo("FromSequence");
      GetAuditLogResponse defaults = auditor.getAuditLog(new GetAuditLogRequest());
      assertThat(defaults.getEntry()).hasSize((int) Math.min(100, defaults.getHeadSequence()));
      assertThat(defaults.getEntry().get(0).getSequence()).isEqualTo(1);
      // the read itself was recorded just past the head it saw; past that, nothing
      GetAuditLogResponse next = auditor.getAuditLog(request(defaults.getHeadSequence() + 1, 10));
      assertThat(next.getEntry()).singleElement().satisfies(e -> {
        assertThat(e.getEvent()).isEqualTo("AUDIT_READ");
        assertThat(e.getActor()).isEqualTo(AUDITOR);
        assertThat(e.getDetails()).isEqualTo("entries 1–" + Math.min(100, defaults.getHeadSequence()));
      });
      GetAuditLogResponse past = auditor.getAuditLog(request(defaults.getHeadSequence() + 3, 10));
      assertThat(past.getEntry()).isEmpty();
      assertThat(past.isMore()).isFalse();
    }
  }

  private static GetAuditLogRequest request(long from, int max) {
    GetAuditLogRequest r = new GetAuditLogRequest();
    r.setFromSequence(from);
    r.setMax(max);
    return r;
  }

  private byte[] document(String id) throws Exception {
    Attachment a = Envelopes.pdf(dir.resolve("files"), "vanban.pdf", 12_000, id.hashCode(), DemoSet.PROVINCE);
    return Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, id, List.of(DemoSet.HA_LONG), List.of(a)), List.of(a));
  }
}
