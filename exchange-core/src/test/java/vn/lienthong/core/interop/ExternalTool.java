package vn.lienthong.core.interop;

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
 * Runs a program we did not write. Where it is missing the test is skipped, with the reason, on a
 * developer's machine; under CI ({@code CI=true}, where {@code .ci/run} installs the tools) a
 * missing tool fails the test instead, so interop can never be skipped silently.
 */
public final class ExternalTool {

  /** What a run printed. */
  public record Result(int exitCode, String output) {}

  private ExternalTool() {}

  /** Skips (or, under CI, fails) the calling test when {@code program} is not on the PATH. */
  public static void require(String program, String debianPackage) {
    boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    String message = program + " is not installed: apt-get install " + debianPackage
        + " (.ci/run installs it)";
    if (!found && "true".equals(System.getenv("CI"))) {
      fail(message);
    }
    assumeTrue(found, message);
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
