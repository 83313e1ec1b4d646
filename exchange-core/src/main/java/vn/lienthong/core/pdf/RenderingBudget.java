package vn.lienthong.core.pdf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What rendering pages for the revision comparison may cost for one file, all its signatures and
 * revisions together: CPU time of the rendering thread, and drawing steps (content stream
 * operators, glyphs, images, shadings). A page costs the renderer what its content asks for, not
 * what the file weighs: eight levels of form XObjects each drawing the next ten times are 10^8
 * fills from 2 KB, and 300 000 page-sized fills are 10 KB; either held the verifying thread for
 * hours. Once the budget is spent, each rendering stops at its next step with
 * {@link Exceeded}, and the page is reported as not compared (a change that is not allowed).
 */
final class RenderingBudget {

  /** CPU time for all renderings of one file; a signed and sealed letter takes a few ms. */
  static final long MAX_CPU_NANOS = 10_000_000_000L;
  /** Drawing steps for all renderings of one file. */
  static final long MAX_STEPS = 50_000_000L;
  /** Steps between two readings of the thread's CPU time. */
  private static final int CHECK_EVERY = 64;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private long spentNanos;
  private long steps;
  private long renderingSince = -1;
  private boolean exceeded;
  private String lastRefusal;

  /** Thrown from inside PDFBox's renderer when the budget is spent. */
  static final class Exceeded extends RuntimeException {
    Exceeded(String message) {
      super(message, null, false, false);
    }
  }

  /** A rendering starts on this thread; fails at once when the budget is already spent. */
  synchronized void start() {
    renderingSince = now();
    check();
  }

  /** The rendering started last ended, normally or not. */
  synchronized void stop() {
    if (renderingSince >= 0) {
      spentNanos += Math.max(0, now() - renderingSince);
      renderingSince = -1;
    }
  }

  /** One drawing step; throws {@link Exceeded} when the budget is spent. */
  synchronized void step() {
    if (++steps > MAX_STEPS || steps % CHECK_EVERY == 0) {
      check();
    }
  }

  /**
   * Refuses what one step would cost beyond a bound of its own (an image whose decoded pixels
   * alone would exceed the heap): the budget counts as spent, so the page is not compared.
   */
  synchronized void refuse(String why) {
    exceeded = true;
    lastRefusal = why;
    throw new Exceeded(why);
  }

  /**
   * Throws {@link Exceeded} if the budget was found spent during the last rendering, even where
   * PDFBox caught that exception and went on drawing (what it drew is then incomplete).
   */
  synchronized void requireWithin() {
    if (exceeded) {
      check();
    }
  }

  private void check() {
    long spent = spentNanos + (renderingSince < 0 ? 0 : Math.max(0, now() - renderingSince));
    if (exceeded && lastRefusal != null) {
      throw new Exceeded(lastRefusal);
    }
    if (exceeded || steps > MAX_STEPS || spent > MAX_CPU_NANOS) {
      exceeded = true;
      throw new Exceeded("rendering the pages of this file for the revision comparison exceeds "
          + "its bound of " + MAX_CPU_NANOS / 1_000_000_000L + " s of CPU time and " + MAX_STEPS
          + " drawing steps");
    }
  }

  private static long now() {
    long cpu = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    return cpu >= 0 ? cpu : System.nanoTime();
  }
}
