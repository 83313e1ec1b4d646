package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.organ.OrganId;

class SettingsTest {

  @TempDir Path dir;

  @Test
  void flagsBeatTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefaults() throws Exception {
    Path file = dir.resolve("hub.properties");
    Files.writeString(file, "port=9001\nlease.seconds=60\ndb.pool=4\nadmins=000.00.02.H49\n");
    Settings s = Settings.read(new String[] {"--config=" + file, "--port=9003", "--demo=false"},
        Map.of("LIENTHONG_HUB_PORT", "9002", "LIENTHONG_HUB_LEASE_SECONDS", "90"));
    HubConfig c = s.config();
    assertThat(c.port()).isEqualTo(9003);
    assertThat(c.lease()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.poolSize()).isEqualTo(4);
    assertThat(c.demo()).isFalse();
    assertThat(c.administrators()).containsExactly(OrganId.of("000.00.02.H49"));
    assertThat(c.maxEnvelopeBytes()).isEqualTo(2048L << 20);
    assertThat(c.effectiveJdbcUrl()).startsWith("jdbc:h2:file:");
  }

  @Test
  void anUnknownSettingIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> Settings.read(new String[] {"--prot=1"}, Map.of()))
        .hasMessageContaining("Unknown setting 'prot'").hasMessageContaining("port");
  }

  @Test
  void theAuditIsAnchoredAtTheSampleTsaInDemoModeAtAGivenTsaOtherwiseOrNotAtAll() throws Exception {
    HubConfig demo = Settings.read(new String[] {"--demo=true"}, Map.of()).config();
    assertThat(demo.auditTsa()).hasToString("http://127.0.0.1:18600/tsa");
    assertThat(demo.auditAnchorEvery()).isEqualTo(Duration.ofMinutes(60));
    HubConfig given = Settings.read(new String[] {"--demo=false", "--audit.tsa=http://tsa.example/tsr",
        "--audit.anchor.minutes=5"}, Map.of()).config();
    assertThat(given.auditTsa()).hasToString("http://tsa.example/tsr");
    assertThat(given.auditAnchorEvery()).isEqualTo(Duration.ofMinutes(5));
    assertThat(Settings.read(new String[] {"--demo=false"}, Map.of()).config().auditTsa()).isNull();
  }

  @Test
  void auditorsAreTheProvinceCouncilInDemoModeTheGivenUnitsOtherwiseOrNone() throws Exception {
    assertThat(Settings.read(new String[] {"--demo=true"}, Map.of()).config().auditors())
        .containsExactly(OrganId.of(Settings.DEMO_AUDITOR));
    assertThat(Settings.read(new String[] {"--demo=false"}, Map.of()).config().auditors()).isEmpty();
    HubConfig given = Settings.read(new String[] {"--demo=true", "--auditors=000.00.13.H49, 000.59.31.H49"},
        Map.of()).config();
    assertThat(given.auditors()).containsExactlyInAnyOrder(OrganId.of("000.00.13.H49"), OrganId.of("000.59.31.H49"));
    assertThat(given.administrators()).containsExactly(OrganId.of("000.00.00.H49"));
  }

  @Test
  void theH2FileIsCompactedAtThreeAndOverOneGibibyteByDefaultOrAsGiven() throws Exception {
    assertThat(Settings.read(new String[0], Map.of()).config().compactAt()).isEqualTo(LocalTime.of(3, 0));
    assertThat(HubConfig.builder().build().compactAt()).isEqualTo(LocalTime.of(3, 0));
    assertThat(Settings.read(new String[0], Map.of()).config().compactAboveBytes()).isEqualTo(1L << 30);
    assertThat(HubConfig.builder().build().compactAboveBytes()).isEqualTo(1L << 30);
    assertThat(Settings.read(new String[] {"--db.compact.above.mb=0"}, Map.of()).config().compactAboveBytes()).isZero();
    assertThatThrownBy(() -> Settings.read(new String[] {"--db.compact.above.mb=-1"}, Map.of()).config())
        .hasMessageContaining("compactAboveBytes must not be negative");
    assertThat(Settings.read(new String[] {"--db.compact.at=01:30"}, Map.of()).config().compactAt())
        .isEqualTo(LocalTime.of(1, 30));
    assertThat(Settings.read(new String[] {"--db.compact.at=off"}, Map.of()).config().compactAt()).isNull();
    assertThatThrownBy(() -> Settings.read(new String[] {"--db.compact.at=25:00"}, Map.of()).config())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("db.compact.at");
  }

  @Test
  void revocationAndSkewSettingsHaveSafeDefaultsAndAreChecked() throws Exception {
    var defaults = Settings.read(new String[0], Map.of()).security();
    assertThat(defaults).isEqualTo(vn.lienthong.server.auth.SecurityConfig.DEFAULT);
    var strict = Settings.read(new String[] {"--revocation.unavailable=refuse", "--revocation.cache.seconds=60",
        "--wss.skew.seconds=120"}, Map.of()).security();
    assertThat(strict.whenUnavailable()).isEqualTo(vn.lienthong.server.auth.SecurityConfig.WhenUnavailable.REFUSE);
    assertThat(strict.revocationCache()).isEqualTo(Duration.ofMinutes(1));
    assertThat(strict.skew()).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> Settings.read(new String[] {"--revocation.unavailable=maybe"}, Map.of()).security())
        .hasMessageContaining("accept or refuse");
  }

  @Test
  void aConfigFileNamedButMissingIsRefusedNotReplacedByTheDefaults() {
    Path missing = dir.resolve("prod-hub.properties");
    // the defaults would be demo mode: the sample roots, whose keys are in the repository
    assertThatThrownBy(() -> Settings.read(new String[] {"--config=" + missing}, Map.of()))
        .hasMessageContaining("config").hasMessageContaining(missing.toString());
  }

  @Test
  void malformedValuesAreRefusedNamingTheirKeyAndSpacesAreTrimmedEverywhere() throws Exception {
    assertThatThrownBy(() -> Settings.read(new String[] {"--demo=yes"}, Map.of()).config())
        .hasMessageContaining("demo").hasMessageContaining("yes");
    assertThatThrownBy(() -> Settings.read(new String[] {"--lease.seconds=30s"}, Map.of()).config())
        .hasMessageContaining("lease.seconds").hasMessageContaining("30s");
    assertThatThrownBy(() -> Settings.read(new String[] {"--wss.skew.seconds=5m"}, Map.of()).security())
        .hasMessageContaining("wss.skew.seconds");
    // an environment value with a stray space means what it says, as a file's does
    assertThat(Settings.read(new String[0], Map.of("LIENTHONG_HUB_DEMO", "false ")).config().demo()).isFalse();
    assertThat(Settings.read(new String[0], Map.of("LIENTHONG_HUB_PORT", " 9443")).config().port()).isEqualTo(9443);
  }

  // every value the settings cannot take is refused naming its key, never wrapped into another

  static void refusedNaming(String key, String value) {
    assertThatThrownBy(() -> Settings.read(new String[] {"--demo=false", "--" + key + "=" + value}, Map.of()).config())
        .as(key + "=" + value).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key);
  }

  @Test
  void aTimeOfDayAsOperatorsWriteItIsRefusedNamingTheKey() {
    refusedNaming("db.compact.at", "3:00");
    refusedNaming("db.compact.at", "25:00");
  }

  @Test
  void whatDoesNotFitAPortOrPoolIsRefusedNamingTheKey() {
    refusedNaming("port", "99999999999");
    refusedNaming("db.pool", "4294967297");
  }

  @Test
  void sizesInMebibytesDoNotWrapAround() {
    // 2^44 + 1 MiB shifted into bytes wrapped to 1 MiB: a hub that took "unlimited" for 1 MiB
    refusedNaming("max.envelope.mb", String.valueOf((1L << 44) + 1));
    refusedNaming("db.compact.above.mb", String.valueOf((1L << 44) + 1));
    refusedNaming("max.envelope.mb", String.valueOf(1L << 53));
  }

  @Test
  void durationsTooLongAreRefusedNamingTheKey() {
    refusedNaming("retention.days", String.valueOf(Long.MAX_VALUE));
    refusedNaming("lease.seconds", String.valueOf(Long.MAX_VALUE));
  }

  @Test
  void goodValuesStillRead() throws Exception {
    var c = Settings.read(new String[] {"--demo=false", "--db.compact.at=03:30", "--max.envelope.mb=4096",
        "--port=8444", "--db.compact.above.mb=0"}, Map.of()).config();
    assertThat(c.compactAt()).isEqualTo(LocalTime.of(3, 30));
    assertThat(c.maxEnvelopeBytes()).isEqualTo(4096L << 20);
    assertThat(c.port()).isEqualTo(8444);
    assertThat(Settings.read(new String[] {"--demo=false", "--db.compact.at=OFF"}, Map.of()).config().compactAt()).isNull();
  }
}
