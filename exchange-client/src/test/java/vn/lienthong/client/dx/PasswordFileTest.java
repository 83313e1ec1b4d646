package vn.lienthong.client.dx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --password-file}: what of the file is the password, and which source wins (no key store: see DxFilesTest). */
class PasswordFileTest {

  @TempDir
  Path dir;

  @Test
  void thePasswordIsTheFirstLineWithoutItsEnding() throws Exception {
    assertThat(read("bí mật\n")).isEqualTo("bí mật");
    assertThat(read("bí mật\r\nsecond\r\n")).isEqualTo("bí mật");
    assertThat(read("bí mật")).isEqualTo("bí mật");
    assertThat(read(" spaces kept \n")).isEqualTo(" spaces kept ");
    assertThat(read("a\rb\n")).as("a lone CR is not a line ending").isEqualTo("a\rb");
    assertThat(read("\uFEFFnotepad\r\n")).as("a byte order mark is not part of it").isEqualTo("notepad");
    assertThat(read("")).isEmpty();
    assertThat(read("\nsecond\n")).as("an empty first line is an empty password").isEmpty();
  }

  @Test
  void aFileThatCannotBeAPasswordIsAUsageErrorThatDoesNotShowIt() throws Exception {
    Path utf16 = Files.write(dir.resolve("utf16.txt"), "m\u1EADt-kh\u1EA9u-c\u0169\n".getBytes(
        StandardCharsets.UTF_16LE));
    assertThatThrownBy(() -> PasswordFile.read(utf16)).isInstanceOf(Dx.UsageError.class)
        .hasMessageContaining(utf16.toString()).hasMessageContaining("not UTF-8");
    Path huge = Files.write(dir.resolve("huge.bin"), new byte[PasswordFile.MAX_LINE + 1]);
    assertThatThrownBy(() -> PasswordFile.read(huge)).isInstanceOf(Dx.UsageError.class)
        .hasMessageContaining("longer than");
    assertThat(PasswordFile.read(Files.write(dir.resolve("max.bin"), new byte[PasswordFile.MAX_LINE])))
        .hasSize(PasswordFile.MAX_LINE);
    assertThatThrownBy(() -> PasswordFile.read(dir)).isInstanceOf(Dx.UsageError.class)
        .hasMessageContaining(dir.toString());
    assertThatThrownBy(() -> PasswordFile.read(dir.resolve("none"))).isInstanceOf(Dx.UsageError.class)
        .hasMessage("Không đọc được tệp mật khẩu / cannot read the password file " + dir.resolve("none")
            + ": no such file");
  }

  @Test
  void theCommandLineBeatsTheEnvironmentAndTwoAtOneLevelAreRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("pw.txt"), "from-file\n");
    Path other = Files.writeString(dir.resolve("other.txt"), "from-env-file\n");
    assertThat(keyOptions(null, file).secret(Map.of("DX_PASSWORD", "from-env"))).isEqualTo("from-file".toCharArray());
    assertThat(keyOptions("typed", null).secret(Map.of("DX_PASSWORD_FILE", other.toString())))
        .isEqualTo("typed".toCharArray());
    assertThat(keyOptions("", file).secret(Map.of())).as("an empty --password is not given")
        .isEqualTo("from-file".toCharArray());
    assertThat(keyOptions(null, null).secret(Map.of("DX_PASSWORD_FILE", other.toString())))
        .isEqualTo("from-env-file".toCharArray());
    assertThat(keyOptions(null, null).secret(Map.of("DX_PASSWORD", "from-env", "DX_PASSWORD_FILE", "")))
        .isEqualTo("from-env".toCharArray());
    assertThatThrownBy(() -> keyOptions("typed", file).secret(Map.of())).isInstanceOf(Dx.UsageError.class);
    assertThatThrownBy(() -> keyOptions(null, null).secret(Map.of("DX_PASSWORD", "x", "DX_PASSWORD_FILE",
        other.toString()))).isInstanceOf(Dx.UsageError.class).hasMessageNotContaining("from-env-file");
    assertThat(Dx.exitCode(new Dx.UsageError("x"))).isEqualTo(Dx.USAGE);
  }

  private String read(String content) throws Exception {
    return new String(PasswordFile.read(Files.writeString(dir.resolve("pw-" + content.hashCode()), content,
        StandardCharsets.UTF_8)));
  }

  private KeyOptions keyOptions(String password, Path passwordFile) {
    KeyOptions k = new KeyOptions();
    k.source = new KeyOptions.Source();
    k.source.pkcs12 = dir.resolve("key.p12");
    k.password = password == null ? null : password.toCharArray();
    k.passwordFile = passwordFile;
    return k;
  }
}
