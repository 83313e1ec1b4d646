package vn.lienthong.client.dx;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import vn.lienthong.client.Progress;

/** A progress bar on stderr for transfers over 4 MB, drawn only when stderr is a terminal. */
final class ProgressBar implements Progress {

  private static final long THRESHOLD = 4L << 20;
  private final PrintStream err;
  private int shown = -1;

  ProgressBar(PrintStream err) {
    this.err = err;
  }

  static Progress onTerminal() {
    return System.console() == null ? Progress.NONE
        : new ProgressBar(new PrintStream(System.err, true, StandardCharsets.UTF_8));
  }

  @Override
  public synchronized void update(String file, long done, long total) {
    if (total < THRESHOLD) {
      return;
    }
    int percent = (int) Math.min(100, done * 100 / total);
    if (percent == shown) {
      return;
    }
    shown = percent;
    int filled = percent / 5;
    err.print("\r" + file + " [" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + percent + "% "
        + (done >> 20) + "/" + (total >> 20) + " MB");
    if (percent == 100) {
      err.println();
    }
  }
}
