package vn.lienthong.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.sample.pki.CaUrls;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.SamplePki;

class SampleMainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return SampleMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void generateWritesADemoPkiThatLoadsBack(@TempDir Path dir) throws Exception {
    assertThat(run("generate", dir.toString(), "--port", "18777", "--key", "ec")).isZero();
    SamplePki pki = SamplePki.load(dir, SamplePki.DEMO_PASSWORD.toCharArray());
    assertThat(pki.urls()).isEqualTo(CaUrls.loopback(18777));
    assertThat(pki.seal(DemoSet.PROVINCE).certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(dir.resolve("README.md")).content(StandardCharsets.UTF_8)
        .contains("TEST MATERIAL").contains(SamplePki.DEMO_PASSWORD);
  }

  @Test
  void nonsenseArgumentsExitWithUsageAndCode2() throws Exception {
    assertThat(run("mint-money")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown command 'mint-money'")
        .contains("Usage:");
    assertThat(run("generate", "a", "--key", "dsa")).isEqualTo(2);
    assertThat(run("generate")).isEqualTo(2);
    assertThat(run("serve", "--pki")).isEqualTo(2);
    assertThat(run("serve", "extra")).isEqualTo(2);
  }
}
