package vn.lienthong.server;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.cxf.Bus;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the requests in progress finish when the hub closes: a Jetty {@link GracefulHandler} in
 * front of every context on the hub's port counts them, and on {@link #drain} refuses new ones
 * (HTTP 503, which clients retry) while they finish, up to the configured time. Without it, a stop
 * cut off an upload being received (a 4 MB send at 1 MB/s, 367 ms after the stop began).
 */
final class GracefulStop {

  private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

  private final GracefulHandler graceful;
  private final Duration drain;

  private GracefulStop(GracefulHandler graceful, Duration drain) {
    this.graceful = graceful;
    this.drain = drain;
  }

  /**
   * Before the first servant: makes CXF put the handler first on the port's Jetty when it starts
   * it (a started Jetty server takes no new handler).
   */
  static GracefulStop before(Bus bus, String host, int port, Duration drain) {
    GracefulHandler graceful = new GracefulHandler();
    graceful.setDynamic(true); // it gets its handler once Jetty runs
    try {
      bus.getExtension(JettyHTTPServerEngineFactory.class).createJettyHTTPServerEngine(host, port, "https")
          .setHandlers(new ArrayList<>(List.of(graceful)));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot configure the port's Jetty: " + e.getMessage(), e);
    }
    return new GracefulStop(graceful, drain);
  }

  /**
   * Once Jetty runs: with a handler of its own configured, CXF puts each servant's context straight
   * into the server's sequence after it; those contexts move under the handler, routed by path,
   * without being stopped, behind {@code inner} (the limits of each request) and the wrappers it holds.
   */
  void track(Bus bus, int port, Handler.Wrapper inner) {
    org.eclipse.jetty.server.Server jetty = JettyTls.server(bus, port);
    if (!(jetty.getHandler() instanceof Handler.Sequence sequence) || !sequence.getHandlers().contains(graceful)) {
      throw new IllegalStateException("Unexpected handlers on the port's Jetty: " + jetty.getHandler());
    }
    Set<Handler> served = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Handler h : sequence.getHandlers()) {
      if (h != graceful) {
        served.add(h);
      }
    }
    ContextHandlerCollection contexts = new ContextHandlerCollection();
    served.forEach(contexts::addHandler);
    Handler.Wrapper innermost = inner;
    while (innermost.getHandler() instanceof Handler.Wrapper w) {
      innermost = w;
    }
    innermost.setHandler(contexts);
    graceful.setHandler(inner); // started with graceful; the contexts in it already run
    served.forEach(sequence::unmanage); // out of the sequence without being stopped: they serve through graceful
    sequence.setHandlers(List.of(graceful));
  }

  /** Requests begun and not yet finished. */
  long inProgress() {
    return graceful.getCurrentRequestCount();
  }

  /** Refuses new requests and waits, up to the drain time, for those in progress to finish. */
  void drain() throws InterruptedException {
    if (drain.isZero()) {
      return;
    }
    long ms;
    try {
      ms = drain.toMillis();
    } catch (ArithmeticException e) {
      ms = Long.MAX_VALUE; // more than the JVM will run
    }
    try {
      graceful.shutdown().get(ms, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("Requests still in progress {} after closing began; stopping anyway", drain);
    } catch (ExecutionException | RuntimeException e) {
      LOG.warn("Waiting for the requests in progress failed; stopping", e);
    }
  }
}
