package vn.lienthong.sample.interop;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * For tests that need software we did not write (openssl, pdfsig, SoftHSM, zeep, PostgreSQL):
 * where it is missing the test is skipped with the reason on a developer's machine; under CI
 * ({@code CI=true}, where {@code .ci/run} installs everything) it fails instead, so interop can
 * never be skipped silently. Test material: compiled against JUnit's API, which every test class
 * path has (the dependency is {@code provided}).
 */
public final class ExternalTool {

  /** What a run printed. */
  public record Result(int exitCode, String output) {}

  private ExternalTool() {}

  /** Skips (or, under CI, fails) the calling test when {@code program} is not on the PATH. */
  public static void require(String program, String debianPackage) {
    boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    requireAvailable(found, program + " is not installed: apt-get install " + debianPackage
        + " (.ci/run installs it)");
  }

  /** Skips (or, under CI, fails) the calling test with {@code reason} unless {@code available}. */
  public static void requireAvailable(boolean available, String reason) {
    if (!available && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true: " + reason);
    }
    assumeTrue(available, reason);
  }

  /** Runs a command in a folder and returns its exit code and merged output. */
  public static Result run(Path dir, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(new ArrayList<>(List.of(command)))
        .directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish in 60 s");
    }
    return new Result(p.exitValue(), out);
  }
}
