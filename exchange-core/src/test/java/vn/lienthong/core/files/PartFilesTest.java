package vn.lienthong.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PartFiles#write}: the target whole or as it was, the {@code .part} file forced before it
 * is renamed and the directory after (a power loss then keeps the new file, never an empty one
 * under the target's name), and a failure that names the target, never its {@code .part} file.
 */
class PartFilesTest {

  @TempDir Path dir;

  @Test
  void thePartIsForcedBeforeTheRenameAndTheDirectoryAfter() throws Exception {
    Path target = dir.resolve("report.xml");
    List<String> steps = new ArrayList<>();
    PartFiles.write(target, out -> out.write("<r/>".getBytes(StandardCharsets.UTF_8)), new PartFiles.Forcing() {
      @Override
      public void file(Path file) throws IOException {
        steps.add("file " + (file.getFileName().toString().endsWith(".part") ? "part" : file) + " of "
            + Files.size(file) + " bytes, target there: " + Files.exists(target));
      }

      @Override
      public void directory(Path d) {
        steps.add("directory " + d.equals(dir) + ", target there: " + Files.exists(target));
      }
    });

    assertThat(steps).containsExactly("file part of 4 bytes, target there: false",
        "directory true, target there: true");
    assertThat(Files.readString(target)).isEqualTo("<r/>");
    assertThat(files()).containsExactly(target);
  }

  @Test
  void aFailureLeavesTheTargetAsItWasNamesItAndLeavesNoPart() throws Exception {
    Path target = Files.writeString(dir.resolve("report.xml"), "earlier");

    assertThatThrownBy(() -> PartFiles.write(target, out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("No space left on device");
    })).isInstanceOf(IOException.class).hasMessage("cannot write " + target + ": No space left on device");

    assertThat(Files.readString(target)).isEqualTo("earlier");
    assertThat(files()).containsExactly(target);
  }

  @Test
  void aTargetThatIsADirectoryIsNamedNotThePart() throws Exception {
    Path target = Files.createDirectory(dir.resolve("taken"));

    assertThatThrownBy(() -> PartFiles.write(target, out -> out.write(1)))
        .hasMessageStartingWith("cannot write " + target + ": ").hasMessageNotContaining(".part");
    assertThat(files()).containsExactly(target);
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
