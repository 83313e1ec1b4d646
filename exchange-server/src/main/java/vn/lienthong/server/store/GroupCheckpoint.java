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
          }
          notifyAll();
        }
      }
    }
  }
}
