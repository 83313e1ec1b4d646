package vn.lienthong.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.validation.CheckId;
import vn.lienthong.core.validation.Level;
import vn.lienthong.server.Settings;

/** The {@code intake.*} settings and their values. */
class IntakeSettingsTest {

  @TempDir Path dir;

  /** The settings of {@code args} over an empty file (not a {@code ./hub.properties} that may be there). */
  IntakePolicy read(String... args) throws Exception {
    String[] all = new String[args.length + 1];
    all[0] = "--config=" + Files.writeString(dir.resolve("empty.properties"), "");
    System.arraycopy(args, 0, all, 1, args.length);
    return Settings.read(all, Map.of()).config().intake();
  }

  @Test
  void defaultsAreDecree30RefuseSha1AcceptWhenUnavailable() throws Exception {
    IntakePolicy p = read();
    assertThat(p.pdfPolicy().name()).isEqualTo("Decree 30/2020");
    assertThat(p.envelopeSha1()).isEqualTo(IntakePolicy.EnvelopeSha1.REFUSE);
    assertThat(p.whenUnavailable()).isEqualTo(IntakePolicy.WhenUnavailable.ACCEPT);
    assertThat(p.recheckEvery()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void everyValueIsRead() throws Exception {
    IntakePolicy p = read("--intake.envelope.sha1=warn", "--intake.when-unavailable=refuse",
        "--intake.recheck.minutes=2", "--intake.policy=decree30");
    assertThat(p.envelopeSha1()).isEqualTo(IntakePolicy.EnvelopeSha1.WARN);
    assertThat(p.whenUnavailable()).isEqualTo(IntakePolicy.WhenUnavailable.REFUSE);
    assertThat(p.recheckEvery()).isEqualTo(Duration.ofMinutes(2));
    assertThat(read("--intake.envelope.sha1=REFUSE", "--intake.when-unavailable=accept").whenUnavailable())
        .isEqualTo(IntakePolicy.WhenUnavailable.ACCEPT);
  }

  @Test
  void thePolicyMayBeAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("policy.properties"),
        "name=Hub Quảng Ninh\ncheck.DECREE30_SEAL_OF_SENDER=WARN\n");
    IntakePolicy p = read("--intake.policy=" + file);
    assertThat(p.pdfPolicy().name()).isEqualTo("Hub Quảng Ninh");
    assertThat(p.pdfPolicy().level(CheckId.DECREE30_SEAL_OF_SENDER)).isEqualTo(Level.WARN);
  }

  @Test
  void badValuesAreRefusedWithTheKey() {
    assertThatThrownBy(() -> read("--intake.envelope.sha1=maybe")).hasMessageContaining("intake.envelope.sha1")
        .hasMessageContaining("refuse, warn");
    assertThatThrownBy(() -> read("--intake.when-unavailable=later")).hasMessageContaining("intake.when-unavailable");
    assertThatThrownBy(() -> read("--intake.policy=" + dir.resolve("missing.properties")))
        .hasMessageContaining("intake.policy");
    assertThatThrownBy(() -> read("--intake.recheck.minutes=0")).hasMessageContaining("recheckEvery");
  }
}
