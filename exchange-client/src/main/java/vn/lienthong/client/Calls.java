package vn.lienthong.client;

import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
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

  Calls(RetryPolicy policy, Sleeper sleeper) {
    this.policy = policy;
    this.sleeper = sleeper;
  }

  /** Once, no retry (calls that are not idempotent: the administrator's changes). */
  <T> T once(Call<T> call) {
    try {
      return call.run();
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
        return call.run();
      } catch (ExchangeFault f) {
        failure = fault(f);
      } catch (WebServiceException e) {
        failure = transport(e);
      }
      if (!failure.code().transientFailure() || attempt >= policy.maxAttempts()) {
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
   * which no retry can fix.
   */
  static ExchangeException transport(WebServiceException e) {
    boolean network = cause(e, IOException.class).isPresent();
    if (e instanceof SOAPFaultException && !network) {
      return new ExchangeException(FaultCode.INTERNAL_ERROR, e.getMessage(), null, e);
    }
    Optional<Throwable> trust = cause(e, GeneralSecurityException.class)
        .or(() -> cause(e, SSLPeerUnverifiedException.class))
        .or(() -> cause(e, SSLException.class).filter(ssl -> !closedConnection(ssl)));
    if (trust.isPresent()) {
      return new ExchangeException(FaultCode.NOT_AUTHENTICATED,
          "Kết nối TLS bị từ chối / TLS refused: " + trust.get().getMessage(), null, e);
    }
    return new ExchangeException(network ? FaultCode.TRANSPORT : FaultCode.INTERNAL_ERROR,
        "Không kết nối được trục / hub unreachable: " + rootMessage(e), null, e);
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
