package vn.lienthong.client.dx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bar is drawn for large transfers only, once per percent, and ends its line at 100 %. */
class ProgressBarTest {

  @Test
  void drawsLargeTransfersOnly() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    bar.update("nho.edxml", 1 << 20, 2 << 20);
    assertThat(bytes.size()).isZero();
    long total = 10L << 20;
    bar.update("lon.edxml", total / 2, total);
    bar.update("lon.edxml", total / 2 + 10, total);
    bar.update("lon.edxml", total, total);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("lon.edxml [##########          ] 50% 5/10 MB")
        .contains("[####################] 100% 10/10 MB").endsWith(System.lineSeparator());
    assertThat(out.split("50%", -1)).hasSize(2);
  }
}
