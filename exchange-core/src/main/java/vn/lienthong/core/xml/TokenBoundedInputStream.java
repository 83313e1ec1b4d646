package vn.lienthong.core.xml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes a parser reads between two events and stops it when they pass a budget: a parser
 * holds an attribute value, a name, a comment or a processing instruction whole before it reports
 * the event, so without this a single huge token could fill the heap before any check ran.
 * Text content is reported in chunks, so streaming a large text node never comes near the budget.
 */
final class TokenBoundedInputStream extends FilterInputStream {

  private final long budget;
  private long sinceEvent;
  private boolean tripped;

  TokenBoundedInputStream(InputStream in, long budget) {
    super(in);
    this.budget = budget;
  }

  /** Called at every event. */
  void eventSeen() {
    sinceEvent = 0;
  }

  /** Whether the budget was ever passed (parsers may wrap or lose the exception's cause). */
  boolean tripped() {
    return tripped;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    count(b < 0 ? 0 : 1);
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    count(Math.max(n, 0));
    return n;
  }

  private void count(int n) throws TokenTooLargeException {
    sinceEvent += n;
    if (sinceEvent > budget) {
      tripped = true;
      throw new TokenTooLargeException(budget);
    }
  }

  /** More than the budget was read without an event. */
  static final class TokenTooLargeException extends IOException {
    TokenTooLargeException(long budget) {
      super("More than " + budget + " bytes without an XML event (a token too large to hold)");
    }
  }
}
