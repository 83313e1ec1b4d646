package vn.lienthong.core.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The HTTP the PKI services speak (OCSP, RFC 3161, CRL and certificate downloads), with limits. */
final class Http {

  /** No OCSP response, time stamp, CRL or certificate the hub accepts comes close. */
  static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

  private final HttpClient client;
  private final Duration timeout;

  Http(Duration timeout) {
    this.timeout = timeout;
    // HTTP/1.1: OCSP, TSA and CRL servers speak it; the h2c upgrade attempt only costs time
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  byte[] post(URI uri, String contentType, byte[] body) throws IOException {
    return send(HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  byte[] get(URI uri) throws IOException {
    return send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build());
  }

  /**
   * The answer's body, the whole exchange within the timeout: a request's own timeout ends with
   * the response's headers, and a server that then sent its body a byte at a time held the
   * caller for as long as it liked.
   */
  private byte[] send(HttpRequest request) throws IOException {
    if (!"http".equalsIgnoreCase(request.uri().getScheme())
        && !"https".equalsIgnoreCase(request.uri().getScheme())) {
      throw new IOException("Only http and https are fetched, not " + request.uri());
    }
    CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request,
        info -> new Bounded(info.statusCode() == 200));
    try {
      HttpResponse<byte[]> response = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (response.statusCode() != 200) {
        throw new IOException(request.uri() + " answered HTTP " + response.statusCode());
      }
      return response.body();
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new HttpTimeoutException(request.uri() + " did not answer in full within " + timeout);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(request.uri() + ": " + cause, cause);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while calling " + request.uri(), e);
    }
  }

  /** The body up to {@link #MAX_RESPONSE_BYTES}; none kept (and the rest not read) unless wanted. */
  private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {
    private final boolean wanted;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    Bounded(boolean wanted) {
      this.wanted = wanted;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (wanted) {
        s.request(Long.MAX_VALUE);
      } else {
        s.cancel();
        result.complete(new byte[0]);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer b : items) {
        if (result.isDone()) {
          return;
        }
        if ((long) out.size() + b.remaining() > MAX_RESPONSE_BYTES) {
          subscription.cancel();
          result.completeExceptionally(new IOException("the answer is more than "
              + MAX_RESPONSE_BYTES + " bytes"));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }
}
