package vn.lienthong.server;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many connections the port holds at once. Anyone who reaches it can open connections: the
 * TLS handshake, and with it the client certificate, comes after the accept. Each connection takes
 * one of the process's file descriptors, which the database, the payload store, spooled uploads
 * and the class loader need as much. Before 2026-11-28 a hub limited to 4 096 descriptors (a
 * service manager's {@code LimitNOFILE}), flooded with idle connections, answered a unit's
 * document on its already open connection with HTTP 500, {@code NoClassDefFoundError}: no
 * descriptor was left to read a class from the hub's own jar.
 *
 * <p>Past the cap the port stops accepting (new connections wait in the kernel's queue) and every
 * open connection gets a {@link #IDLE_WHEN_FULL} idle timeout, so that idle ones make room; Jetty's
 * {@link NetworkConnectionLimit}, as nginx's {@code worker_connections}.
 */
final class ConnectionCap {

  /** Connections at most, whatever the descriptors allow. */
  static final int MAX = 10_000;
  /** Descriptors kept for everything but connections, when the limit allows. */
  static final long RESERVED = 4096;
  /** The idle timeout of every connection while the port is full. */
  static final Duration IDLE_WHEN_FULL = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionCap.class);

  private ConnectionCap() {}

  /**
   * The cap for a process that may open {@code openFiles} descriptors (unknown: not positive):
   * leaves {@link #RESERVED} of them, or half when there are fewer than twice that.
   */
  static int forOpenFiles(long openFiles) {
    if (openFiles <= 0) {
      return MAX;
    }
    return (int) Math.max(1, Math.min(MAX, Math.max(openFiles / 2, openFiles - RESERVED)));
  }

  /** Caps the connections of {@code jetty}'s connectors, from this process's descriptor limit. */
  static void apply(Server jetty) {
    long openFiles = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean
        unix ? unix.getMaxFileDescriptorCount() : -1;
    int cap = forOpenFiles(openFiles);
    if (cap < MAX) {
      LOG.info("At most {} connections at once: this process may open {} files (raise LimitNOFILE for more)", cap,
          openFiles);
    }
    apply(jetty, cap);
  }

  /** Caps the connections of {@code jetty}'s connectors at {@code cap}. */
  static void apply(Server jetty, int cap) {
    NetworkConnectionLimit limit = new Limit(cap, jetty);
    limit.setEndPointIdleTimeout(IDLE_WHEN_FULL.toMillis());
    jetty.addBean(limit, true);
    try {
      if (!limit.isStarted()) {
        limit.start(); // Jetty already runs: a bean added now is not started with it
      }
    } catch (Exception e) {
      throw new IllegalStateException("Cannot limit the port's connections: " + e.getMessage(), e);
    }
    // a running connector's selector takes its accept listeners only when it starts
    for (Connector c : jetty.getConnectors()) {
      if (c instanceof ServerConnector connector) {
        connector.getSelectorManager().addEventListener(limit);
      }
    }
  }

  /**
   * Jetty's limit, but once the port is no longer full each connection gets back the idle timeout
   * it had (Jetty gives every one the connector's): a body being received keeps its
   * {@link BodyGate#BODY_IDLE}, a large inline request its {@code SoapXmlBudget} timeout. One that
   * was set since the port filled is kept. Called under the limit's lock.
   */
  private static final class Limit extends NetworkConnectionLimit {
    private final Server server;
    private final Map<EndPoint, Long> before = new IdentityHashMap<>();

    Limit(int cap, Server server) {
      super(cap, server);
      this.server = server;
    }

    @Override
    protected void limit() {
      before.clear();
      for (EndPoint endPoint : endPoints()) {
        before.put(endPoint, endPoint.getIdleTimeout());
      }
      super.limit();
    }

    @Override
    protected void unlimit() {
      Map<EndPoint, Long> restore = new IdentityHashMap<>();
      for (EndPoint endPoint : endPoints()) {
        long now = endPoint.getIdleTimeout();
        Long was = before.get(endPoint);
        if (now != getEndPointIdleTimeout()) {
          restore.put(endPoint, now); // set since the port filled
        } else if (was != null) {
          restore.put(endPoint, was);
        }
      }
      before.clear();
      super.unlimit();
      restore.forEach(EndPoint::setIdleTimeout);
    }

    private List<EndPoint> endPoints() {
      List<EndPoint> all = new ArrayList<>();
      for (Connector c : server.getConnectors()) {
        all.addAll(c.getConnectedEndPoints());
      }
      return all;
    }
  }
}
