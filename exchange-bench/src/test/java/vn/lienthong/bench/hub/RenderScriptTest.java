package vn.lienthong.bench.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/render.py}'s own tests ({@code scripts/test_render.py}), so that the verdicts it
 * writes into docs/BENCHMARKS.md (a target met or not) are checked with every build. Python 3 is on
 * every machine .ci/run prepares; elsewhere the test is skipped, saying so.
 */
class RenderScriptTest {

  @Test
  void renderMarksATargetMetOnlyOnWhatWasMeasured() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(python) || System.getenv("CI") != null, "no /usr/bin/python3 here");
    Path script = Path.of("scripts", "test_render.py").toAbsolutePath();
    Process p = new ProcessBuilder(python.toString(), script.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("OK");
  }
}
