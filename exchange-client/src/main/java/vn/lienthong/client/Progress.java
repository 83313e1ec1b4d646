package vn.lienthong.client;

/**
 * Told how far an envelope transfer went (e.g. to draw a progress bar). Called on the calling
 * thread, often: keep it cheap.
 */
@FunctionalInterface
public interface Progress {

  /** No reporting. */
  Progress NONE = (file, done, total) -> { };

  /**
   * {@code done} of {@code total} bytes of {@code file} sent or received ({@code total} is -1 when
   * unknown).
   */
  void update(String file, long done, long total);
}
