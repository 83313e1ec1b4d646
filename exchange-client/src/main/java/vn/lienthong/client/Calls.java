package vn.lienthong.client;

import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.cxf.transport.http.HTTPException;
import vn.lienthong.client.ws.ExchangeFault;
import vn.lienthong.client.ws.ExchangeFaultDetail;

/** Runs hub calls: maps faults to {@link ExchangeException}, retries transient failures with backoff. */
final class Calls {

  /** A call of the generated port. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws ExchangeFault;
  }

  /** Waits; a test may record instead. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final RetryPolicy policy;
  private final Sleeper sleeper;
  /**
   * Where each attempt runs while the caller waits: CXF waits for the hub's answer in a way that
   * swallows an interrupt (and the thread's flag) and goes on until the receive timeout, so the
   * caller's own thread only waits for the attempt, which it can stop waiting for.
   */
  private final ExecutorService workers;

  Calls(RetryPolicy policy, Sleeper sleeper) {
    this.policy = policy;
    this.sleeper = sleeper;
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "exchange-client-call-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Once, no retry (calls that are not idempotent: the administrator's changes). */
  <T> T once(Call<T> call) {
    try {
      return attempt(call);
    } catch (ExchangeFault f) {
      throw fault(f);
    } catch (WebServiceException e) {
      throw transport(e);
    }
  }

  /** With retries: only for calls the hub makes idempotent. */
  <T> T retrying(Call<T> call) {
    for (int attempt = 1;; attempt++) {
      ExchangeException failure;
      try {
        return attempt(call);
      } catch (ExchangeFault f) {
        failure = fault(f);
      } catch (WebServiceException e) {
        failure = transport(e);
      }
      if (!failure.code().transientFailure() || attempt >= policy.maxAttempts()
          || Thread.currentThread().isInterrupted()) {
        throw failure;
      }
      try {
        sleeper.sleep(policy.delayBefore(attempt + 1));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        failure.addSuppressed(ie);
        throw failure;
      }
    }
  }

  /**
   * One attempt on a worker thread. An interrupt of the caller ends the wait at once: no further
   * attempt, the caller's interrupt flag kept, the attempt interrupted (it ends by the receive
   * timeout at the latest), {@link FaultCode#TRANSPORT}.
   */
  private <T> T attempt(Call<T> call) throws ExchangeFault {
    Future<T> f;
    try {
      f = workers.submit(call::run);
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("the client is closed", e);
    }
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new ExchangeException(FaultCode.TRANSPORT, "Cuộc gọi bị ngắt / call interrupted", null, e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof ExchangeFault fault) {
        throw fault;
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    }
  }

  /** Stops the worker threads (a call in progress ends by its timeouts). */
  void close() {
    workers.shutdownNow();
  }

  static ExchangeException fault(ExchangeFault f) {
    ExchangeFaultDetail d = f.getFaultInfo();
    if (d == null || d.getCode() == null) {
      return new ExchangeException(FaultCode.INTERNAL_ERROR, String.valueOf(f.getMessage()), null, f);
    }
    return new ExchangeException(FaultCode.valueOf(d.getCode().value()), d.getMessage(), d.getField(), d.getReport(),
        f);
  }

  /**
   * A failure outside the contract: a SOAP fault the contract does not declare is the hub's
   * internal error; a broken or refused connection is {@link FaultCode#TRANSPORT} (retried), even
   * when CXF reports it as a SOAP fault of its own (a request body cut while written) or as a TLS
   * handshake failure (a channel closed mid-handshake); a TLS failure that is not a broken connection
   * (a certificate or key the other side does not accept) is {@link FaultCode#NOT_AUTHENTICATED},
   * which no retry can fix; HTTP 413 (a body over the hub's largest envelope) is
   * {@link FaultCode#ENVELOPE_TOO_LARGE}.
   */
  static ExchangeException transport(WebServiceException e) {
    boolean network = cause(e, IOException.class).isPresent();
    if (e instanceof SOAPFaultException && !network) {
      return new ExchangeException(FaultCode.INTERNAL_ERROR, e.getMessage(), null, e);
    }
    Optional<Throwable> trust = cause(e, GeneralSecurityException.class)
        .or(() -> cause(e, SSLPeerUnverifiedException.class))
        .or(() -> hostnameRefused(e))
        .or(() -> cause(e, SSLException.class).filter(ssl -> !closedConnection(ssl)));
    if (trust.isPresent()) {
      return new ExchangeException(FaultCode.NOT_AUTHENTICATED,
          "Kết nối TLS bị từ chối / TLS refused: " + trust.get().getMessage(), null, e);
    }
    if (cause(e, HTTPException.class).filter(h -> ((HTTPException) h).getResponseCode() == 413).isPresent()) {
      // the hub's transport refuses a body over its largest envelope before reading it: no retry helps
      return new ExchangeException(FaultCode.ENVELOPE_TOO_LARGE,
          "Yêu cầu lớn hơn trục nhận / the request is larger than the hub accepts: " + rootMessage(e), null, e);
    }
    return new ExchangeException(network ? FaultCode.TRANSPORT : FaultCode.INTERNAL_ERROR,
        "Không kết nối được trục / hub unreachable: " + rootMessage(e), null, e);
  }

  /**
   * The check that the hub's certificate names the host it was reached at, which fails after the
   * handshake with a plain IOException: the JDK's ("HTTPS hostname wrong") or CXF's ("hostname
   * does not match"). A refusal, not a network failure worth retrying.
   */
  private static Optional<Throwable> hostnameRefused(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      String m = String.valueOf(c.getMessage());
      if (c instanceof IOException && (m.contains("HTTPS hostname wrong") || m.contains("hostname does not match"))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a TLS failure is the connection going away rather than a refusal: the JDK says so in its
   * cause (a socket error, an early EOF) or only in its message ("Remote host terminated the
   * handshake", "Remote host closed the channel"). A refusal comes as an alert or a path error.
   */
  private static boolean closedConnection(Throwable ssl) {
    String message = String.valueOf(ssl.getMessage());
    return cause(ssl.getCause(), java.net.SocketException.class).isPresent()
        || cause(ssl.getCause(), java.io.EOFException.class).isPresent()
        || message.contains("terminated") || message.contains("closed the channel");
  }

  private static Optional<Throwable> cause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private static String rootMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null) {
      r = r.getCause();
    }
    return r.getClass().getSimpleName() + ": " + r.getMessage();
  }
}
