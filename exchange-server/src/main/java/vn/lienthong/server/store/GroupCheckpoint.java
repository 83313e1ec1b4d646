package vn.lienthong.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes H2 commits durable with group commit: a transaction that committed waits until a
 * {@code CHECKPOINT SYNC} that started after its commit has finished. One checkpoint covers every
 * transaction that committed before it started, so concurrent requests share the fsync instead of
 * queueing for one each.
 */
final class GroupCheckpoint {

  private long requested;
  private long completed;
  private boolean running;
  /**
   * A checkpoint failed: its fsync could not write the pages it was given, and Linux marks them
   * clean anyway, so no later fsync writes them. Later chunks refer to them: nothing is durable
   * again until the database file has been rewritten ({@link Database}), whatever a later fsync says.
   */
  private volatile boolean broken;
  /**
   * Whether the hub can rewrite the file after a failed checkpoint (H2 in files). A database it
   * cannot rewrite (a remote H2 server's, over {@code tcp:}) is never marked broken: nothing would
   * ever clear the mark, and every later transaction was refused until the hub restarted.
   */
  private final boolean repairable;

  GroupCheckpoint(boolean repairable) {
    this.repairable = repairable;
  }

  /** Returns once everything {@code c}'s session committed so far is on disk. */
  void awaitDurable(Connection c) throws SQLException {
    long ticket;
    synchronized (this) {
      ticket = ++requested;
    }
    while (true) {
      long target;
      synchronized (this) {
        while (running && completed < ticket) {
          try {
            wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a checkpoint", e);
          }
        }
        if (completed >= ticket) {
          return;
        }
        if (broken) {
          throw new SQLException("an earlier checkpoint of the H2 file failed: not durable until it is rewritten");
        }
        running = true;
        target = requested;
      }
      boolean ok = false;
      try (Statement s = c.createStatement()) {
        s.execute("CHECKPOINT SYNC");
        ok = true;
      } finally {
        synchronized (this) {
          running = false;
          if (ok) {
            completed = Math.max(completed, target);
          } else if (repairable) {
            broken = true;
          }
          notifyAll();
        }
      }
    }
  }

  /** Whether a checkpoint failed since the file was last rewritten (read on every database call: no lock). */
  boolean broken() {
    return broken;
  }

  /** The file was rewritten whole and forced: what is committed is durable again. */
  synchronized void repaired() {
    broken = false;
    completed = requested;
    notifyAll();
  }
}
