package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.server.intake.IntakePolicy;

class HubConfigTest {

  @TempDir Path dir;

  @Test
  void theBuilderStartsFromTheDocumentedDefaults() {
    HubConfig c = HubConfig.builder().build();
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(8443);
    assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(c.jdbcUrl()).isNull();
    assertThat(c.effectiveJdbcUrl()).startsWith("jdbc:h2:file:").contains("data");
    assertThat(c.poolSize()).isEqualTo(16);
    assertThat(c.demo()).isTrue();
    assertThat(c.keyStore()).isNull();
    assertThat(c.trustAnchors()).isNull();
    assertThat(c.administrators()).containsExactly(OrganId.of("000.00.00.H49"));
    assertThat(c.hubOrganId()).isEqualTo(OrganId.of("hub.H49"));
    assertThat(c.lease()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.maxEnvelopeBytes()).isEqualTo(2L << 30);
    assertThat(c.retention()).isZero();
    assertThat(c.auditTsa()).isNull();
    assertThat(c.auditAnchorEvery()).isEqualTo(Duration.ofHours(1));
    assertThat(c.auditors()).isEmpty();
    assertThat(c.intake()).usingRecursiveComparison().isEqualTo(IntakePolicy.defaults());
  }

  @Test
  void theBuilderDefaultsAreTheSettingsDefaults() throws Exception {
    // Settings hands empty strings for unset credentials; in demo mode it adds the sample TSA and auditor
    HubConfig fromSettings = Settings.read(new String[] {"--config=" + Files.createFile(dir.resolve("empty.properties")),
        "--demo=false"}, Map.of()).config();
    HubConfig built = HubConfig.builder().demo(false).database(null, "", "").tlsFiles(null, "", null).build();
    assertThat(fromSettings).usingRecursiveComparison().isEqualTo(built);
  }

  @TestFactory
  Stream<DynamicTest> eachWrongValueIsRefusedWithAMessageNamingIt() {
    return Stream.of(
        refused("port -1", b -> b.port(-1), "port must be in 0..65535 (0: any free port), was -1"),
        refused("port 65536", b -> b.port(65536), "port must be in 0..65535 (0: any free port), was 65536"),
        refused("no host", b -> b.host(null), "host is required"),
        refused("blank host", b -> b.host(" "), "host must not be blank"),
        refused("no data dir", b -> b.dataDir(null), "dataDir is required"),
        refused("pool 0", b -> b.poolSize(0), "poolSize must be positive, was 0"),
        refused("no administrators", b -> b.administrators(null), "administrators is required (empty for none)"),
        refused("a null administrator", b -> b.administrators(new HashSet<>(Arrays.asList((OrganId) null))),
            "administrators must not contain null"),
        refused("no hub id", b -> b.hubOrganId(null), "hubOrganId is required"),
        refused("no lease", b -> b.lease(null), "lease is required"),
        refused("zero lease", b -> b.lease(Duration.ZERO), "lease must be positive, was PT0S"),
        refused("negative lease", b -> b.lease(Duration.ofSeconds(-1)), "lease must be positive, was PT-1S"),
        refused("envelope 0", b -> b.maxEnvelopeBytes(0), "maxEnvelopeBytes must be positive, was 0"),
        refused("no retention", b -> b.retention(null), "retention is required"),
        refused("negative retention", b -> b.retention(Duration.ofDays(-1)),
            "retention must not be negative (zero keeps messages forever), was PT-24H"),
        refused("no anchor interval", b -> b.auditAnchoring(null, null), "auditAnchorEvery is required"),
        refused("negative anchor interval", b -> b.auditAnchoring(null, Duration.ofMinutes(-1)),
            "auditAnchorEvery must not be negative, was PT-1M"),
        refused("zero anchor interval with a TSA", b -> b.auditAnchoring(URI.create("http://tsa.example/"),
            Duration.ZERO), "auditAnchorEvery must be positive when auditTsa is set"),
        refused("no auditors", b -> b.auditors(null), "auditors is required (empty for none)"),
        refused("no intake policy", b -> b.intake(null), "intake is required"));
  }

  private static DynamicTest refused(String name, UnaryOperator<HubConfig.Builder> wrong, String message) {
    return DynamicTest.dynamicTest(name, () -> assertThatThrownBy(() -> wrong.apply(HubConfig.builder()).build())
        .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class)
        .hasMessage(message));
  }

  @Test
  void theEdgesOfEachRangeAreAccepted() {
    assertThat(HubConfig.builder().port(0).build().port()).isZero();
    assertThat(HubConfig.builder().port(65535).build().port()).isEqualTo(65535);
    assertThat(HubConfig.builder().poolSize(1).maxEnvelopeBytes(1).lease(Duration.ofMillis(1)).build().poolSize())
        .isOne();
    assertThat(HubConfig.builder().auditAnchoring(null, Duration.ZERO).build().auditAnchorEvery()).isZero();
  }

  @Test
  void toBuilderRebuildsAnEqualConfigAndDerivesOneThatDiffersOnlyWhereAsked() {
    HubConfig original = HubConfig.builder().host("10.0.0.5").port(9443).dataDir(dir)
        .database("jdbc:postgresql://db/hub", "hub", "secret").poolSize(32).demo(false)
        .tlsFiles(dir.resolve("hub.p12"), "changeit", dir.resolve("roots.pem"))
        .administrators(Set.of(OrganId.of("000.00.02.H49"))).hubOrganId(OrganId.of("hub.H01"))
        .lease(Duration.ofSeconds(90)).maxEnvelopeBytes(1L << 20).retention(Duration.ofDays(30))
        .auditAnchoring(URI.create("http://tsa.example/tsr"), Duration.ofMinutes(15))
        .auditors(Set.of(OrganId.of("000.00.01.H49")))
        .intake(IntakePolicy.defaults().withEnvelopeSha1(IntakePolicy.EnvelopeSha1.WARN)).build();
    assertThat(original.toBuilder().build()).isEqualTo(original);

    IntakePolicy lenient = IntakePolicy.defaults().withPdfPolicy(ValidationPolicy.builder("lenient").build());
    HubConfig derived = original.toBuilder().intake(lenient).build();
    assertThat(derived.intake()).isSameAs(lenient);
    assertThat(derived).usingRecursiveComparison().ignoringFields("intake").isEqualTo(original);
  }

  @Test
  void theSetsAreCopiedSoTheCallerCannotChangeABuiltConfig() {
    Set<OrganId> admins = new HashSet<>(Set.of(OrganId.of("000.00.02.H49")));
    HubConfig.Builder builder = HubConfig.builder().administrators(admins);
    HubConfig config = builder.build();
    admins.add(OrganId.of("000.00.03.H49"));
    assertThat(config.administrators()).containsExactly(OrganId.of("000.00.02.H49"));
    assertThatThrownBy(() -> config.auditors().add(OrganId.of("000.00.03.H49")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void passwordsAreMaskedWhenTheConfigIsPrinted() {
    HubConfig config = HubConfig.builder().database("jdbc:postgresql://db/hub", "hub", "db-secret")
        .tlsFiles(dir.resolve("hub.p12"), "tls-secret", dir.resolve("roots.pem")).build();
    assertThat(config.toString()).doesNotContain("db-secret").doesNotContain("tls-secret")
        .contains("jdbcPassword=***").contains("jdbcUser=hub").contains("port=8443");
  }

  @Test
  void aPasswordWrittenIntoTheJdbcUrlIsMaskedWhenPrinted() {
    HubConfig c = HubConfig.builder().database("jdbc:postgresql://db/hub?user=hub&password=s3cr3t&ssl=true", null, null)
        .build();
    assertThat(c.toString()).doesNotContain("s3cr3t").contains("password=***&ssl=true");
    assertThat(HubConfig.maskedUrl("jdbc:postgresql://hub:s3cr3t@db:5432/hub")).isEqualTo("jdbc:postgresql://hub:***@db:5432/hub");
    assertThat(HubConfig.maskedUrl("jdbc:h2:file:./data/hub;PASSWORD=s3cr3t;LOCK_TIMEOUT=1")).doesNotContain("s3cr3t")
        .contains("LOCK_TIMEOUT=1");
    assertThat(HubConfig.maskedUrl("jdbc:h2:file:./data/hub")).isEqualTo("jdbc:h2:file:./data/hub");
  }
}
