package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.sample.pki.DemoSet.FINANCE;
import static vn.lienthong.sample.pki.DemoSet.HOME_AFFAIRS;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The administrator's operations, a unit refused them, and one client shared by threads. */
class AdminAndConcurrencyTest {

  @TempDir
  Path dir;

  @Test
  void administratorChangesTheDirectoryAndAUnitMayNot() throws Exception {
    try (TestHub hub = TestHub.start(dir); ExchangeClient admin = hub.client(PROVINCE);
        ExchangeClient unit = hub.client(FINANCE)) {
      long before = admin.units().version();
      UnitRecord.Data data = UnitRecord.Data.of("000.00.90.H49", "000.00.00.H49", "Ban Quản lý dự án thử nghiệm");
      assertThat(admin.registerUnit(data).active()).isTrue();
      assertThat(admin.updateUnit(new UnitRecord.Data(data.organId(), data.parentId(), "Ban Quản lý dự án (mới)", "",
          "", "", "", "")).data().name()).isEqualTo("Ban Quản lý dự án (mới)");
      String council = TestHub.UNREGISTERED;
      try (ExchangeClient stranger = hub.client(council)) {
        assertThatThrownBy(stranger::units).isInstanceOfSatisfying(ExchangeException.class,
            e -> assertThat(e.code()).isEqualTo(FaultCode.NOT_AUTHENTICATED));
        UnitRecord withCert = admin.addCertificate(council, TestHub.PKI.system(council).certificate());
        assertThat(withCert.certificates()).singleElement().satisfies(c -> assertThat(c.revoked()).isFalse());
        assertThat(stranger.unit(council).data().organId()).isEqualTo(council);
        String sha = withCert.certificates().get(0).sha256();
        assertThat(admin.revokeCertificate(council, sha).certificates().get(0).revoked()).isTrue();
        assertThatThrownBy(() -> stranger.unit(council)).isInstanceOfSatisfying(ExchangeException.class,
            e -> assertThat(e.code()).isEqualTo(FaultCode.NOT_AUTHENTICATED));
      }
      assertThat(admin.defineGroup("so-nganh", List.of(HOME_AFFAIRS, FINANCE))).isEqualTo(2);
      assertThat(admin.deactivateUnit("000.00.90.H49").active()).isFalse();

      Directory changes = unit.units(before);
      assertThat(changes.version()).isGreaterThan(before);
      assertThat(changes.units()).extracting(u -> u.data().organId()).contains("000.00.90.H49");
      assertThatThrownBy(() -> admin.registerUnit(data)).isInstanceOfSatisfying(ExchangeException.class,
          e -> assertThat(e.code()).isEqualTo(FaultCode.UNIT_EXISTS));
      assertThatThrownBy(() -> unit.deactivateUnit(HOME_AFFAIRS)).isInstanceOfSatisfying(ExchangeException.class,
          e -> assertThat(e.code()).isEqualTo(FaultCode.NOT_AUTHORIZED));
    }
  }

  @Test
  void oneClientSendsFromEightThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (TestHub hub = TestHub.start(dir); ExchangeClient province = hub.client(PROVINCE);
        ExchangeClient homeAffairs = hub.client(HOME_AFFAIRS)) {
      List<Future<Receipt>> sends = IntStream.range(0, 16).mapToObj(i -> pool.submit(() -> province.send(
          DocumentBuilder.from(PROVINCE, "UBND tỉnh", Clock.systemUTC()).to(HOME_AFFAIRS, "Sở Nội vụ")
              .documentId("T-" + i).subject("V/v song song " + i)
              .write(TestHub.signer(PROVINCE), dir.resolve("t-" + i + ".edxml"))))).toList();
      for (Future<Receipt> f : sends) {
        assertThat(f.get().duplicate()).isFalse();
      }
      assertThat(homeAffairs.pending(100).messages()).extracting(InboxMessage::documentId).hasSize(16)
          .doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
    }
  }
}
