package vn.lienthong.sample.services;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import vn.lienthong.sample.pki.CaUrls;
import vn.lienthong.sample.pki.CertRole;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.Revocation;
import vn.lienthong.sample.pki.RevocationReason;
import vn.lienthong.sample.pki.SamplePki;

/**
 * The sample CA services on loopback, in one embeddable HTTP server: an OCSP responder, an RFC
 * 3161 time-stamp authority, CRL downloads and CA certificate downloads, at the paths {@link
 * CaUrls} documents. Revocations and outages can be changed while it runs, for tests.
 *
 * <pre>{@code
 * try (SampleCaServer server = SampleCaServer.bind(0, Clock.systemUTC())) {
 *   SamplePki pki = PkiGenerator.builder().urls(server.urls()).build().generate();
 *   server.start(pki);
 *   ...
 * }
 * }</pre>
 *
 * <p>Binding first and generating second lets tests put the real port into the certificates.
 * TEST MATERIAL: never run it as a real CA.
 */
public final class SampleCaServer implements AutoCloseable {

  /** The services, for outages and request counts. */
  public enum Service {
    OCSP,
    TSA,
    CRL,
    CA_CERTIFICATES
  }

  /** Requests larger than this are refused with HTTP 413: no real OCSP or TSA request comes close. */
  static final int MAX_REQUEST_BYTES = 64 * 1024;

  private static final long MAX_DRAIN_BYTES = 16L * 1024 * 1024;

  private final HttpServer http;
  private final ExecutorService executor;
  private final Clock clock;
  private final Map<Service, Boolean> down = new ConcurrentHashMap<>();
  private final Map<Service, AtomicLong> counts = new EnumMap<>(Service.class);
  private volatile Map<String, CaState> cas = Map.of();
  private volatile SamplePki pki;

  private SampleCaServer(HttpServer http, Clock clock) {
    this.http = http;
    this.clock = clock;
    // a thread per request in flight: with a fixed pool, a few clients that stall in the middle of
    // a request (the JDK server has no read timeout) held every thread and stopped all services
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "sample-ca-services");
      t.setDaemon(true);
      return t;
    });
    for (Service s : Service.values()) {
      counts.put(s, new AtomicLong());
    }
  }

  /** Binds to {@code 127.0.0.1:port} (0 picks a free port) without serving yet. */
  public static SampleCaServer bind(int port, Clock clock) throws IOException {
    // 127.0.0.1, the address CaUrls.loopback names, not getLoopbackAddress(), which is ::1 in a
    // JVM that prefers IPv6 (the certificates' URLs then reached nothing)
    HttpServer http = HttpServer.create(new InetSocketAddress(
        InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}), port), 64);
    return new SampleCaServer(http, requireNonNull(clock, "clock"));
  }

  /** Binds to the port of the PKI's URLs and serves it. */
  public static SampleCaServer start(SamplePki pki, Clock clock) throws IOException {
    SampleCaServer server = bind(pki.urls().base().getPort(), clock);
    server.start(pki);
    return server;
  }

  /** The URLs of this server, to generate a PKI for it. */
  public CaUrls urls() {
    return CaUrls.loopback(port());
  }

  /** The port it listens on. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** Starts serving the PKI's CAs. Call once. */
  public synchronized void start(SamplePki pki) {
    if (this.pki != null) {
      throw new IllegalStateException("Already started");
    }
    this.pki = requireNonNull(pki, "pki");
    this.cas = caStates(pki);
    OcspResponder ocsp = new OcspResponder(List.copyOf(cas.values()), clock);
    TimeStampAuthority tsa =
        new TimeStampAuthority(pki.credential(SamplePki.TSA), SamplePki.TSA_POLICY_OID, clock);
    CrlIssuer crls = new CrlIssuer(clock);

    http.createContext("/ocsp", ex ->
        handle(ex, "/ocsp/", true, Service.OCSP, () -> ocsp(ex, ocsp)));
    http.createContext("/tsa", ex -> handle(ex, "/tsa/", false, Service.TSA, () -> post(ex,
        "application/timestamp-query", "application/timestamp-reply", tsa::respond)));
    http.createContext("/crl/", ex -> handle(ex, "/crl/", true, Service.CRL, () -> download(ex,
        "/crl/", ".crl", "application/pkix-crl", crls::crl)));
    http.createContext("/ca/", ex -> handle(ex, "/ca/", true, Service.CA_CERTIFICATES, () ->
        download(ex, "/ca/", ".crt", "application/pkix-cert", ca -> ca.ca().certificate()
            .getEncoded())));
    http.setExecutor(executor);
    http.start();
  }

  /** Revokes a certificate from now on, for OCSP and CRLs alike. */
  public void revoke(X509Certificate certificate, RevocationReason reason, Instant time) {
    issuerOf(certificate).revoke(certificate.getSerialNumber(), new Revocation(reason, time));
  }

  /** Takes a revocation back (as after a certificateHold). */
  public void unrevoke(X509Certificate certificate) {
    issuerOf(certificate).unrevoke(certificate.getSerialNumber());
  }

  /**
   * Takes a service down or brings it back. A down OCSP responder answers {@code tryLater}; the
   * other services answer HTTP 503.
   */
  public void setDown(Service service, boolean isDown) {
    down.put(requireNonNull(service, "service"), isDown);
  }

  /** How many requests a service has received, including refused ones. */
  public long requestCount(Service service) {
    return counts.get(service).get();
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }

  private CaState issuerOf(X509Certificate certificate) {
    for (CaState ca : cas.values()) {
      if (ca.issued(certificate.getSerialNumber())
          && ca.ca().certificate().getSubjectX500Principal()
              .equals(certificate.getIssuerX500Principal())) {
        return ca;
      }
    }
    throw new IllegalArgumentException("No CA of this PKI issued serial "
        + certificate.getSerialNumber().toString(16));
  }

  private static Map<String, CaState> caStates(SamplePki pki) {
    Map<String, CaState> states = new java.util.LinkedHashMap<>();
    for (Credential ca : pki.certificationAuthorities()) {
      List<Credential> children = new ArrayList<>();
      Credential responder = ca;
      for (Credential c : pki.credentials()) {
        if (c.issuerAlias().equals(ca.alias()) && !c.alias().equals(ca.alias())) {
          children.add(c);
          if (c.role() == CertRole.OCSP_RESPONDER) {
            responder = c;
          }
        }
      }
      states.put(ca.alias(), new CaState(ca, responder, CaState.serials(children)));
    }
    pki.revocations().forEach((alias, r) -> {
      Credential c = pki.credential(alias);
      states.get(c.issuerAlias()).revoke(c.certificate().getSerialNumber(), r);
    });
    return Map.copyOf(states);
  }

  @FunctionalInterface
  private interface Action {
    void run() throws Exception;
  }

  @FunctionalInterface
  private interface Body {
    byte[] make(byte[] request) throws Exception;
  }

  @FunctionalInterface
  private interface CaBody {
    byte[] make(CaState ca) throws Exception;
  }

  /**
   * Serves a request for {@code prefix} (ending in '/'): its paths are the prefix without the
   * slash and, where {@code subPaths}, anything under it.
   */
  private void handle(HttpExchange ex, String prefix, boolean subPaths, Service service,
      Action action) throws IOException {
    String path = ex.getRequestURI().getPath(); // decoded, as the JDK matched the context
    if (!path.equals(prefix.substring(0, prefix.length() - 1)) && !path.equals(prefix)
        && !(subPaths && path.startsWith(prefix))) {
      // the JDK matches contexts as plain prefixes: /ocspx or /tsa2 are no service of ours
      try {
        send(ex, 404, "text/plain", "Not found\n".getBytes(StandardCharsets.US_ASCII));
      } finally {
        ex.close();
      }
      return;
    }
    counts.get(service).incrementAndGet();
    try {
      if (Boolean.TRUE.equals(down.get(service))) {
        if (service == Service.OCSP) {
          send(ex, 200, "application/ocsp-response",
              OcspResponder.status(OCSPRespBuilder.TRY_LATER));
        } else {
          send(ex, 503, "text/plain", "Service temporarily down (test outage)\n".getBytes());
        }
        return;
      }
      action.run();
    } catch (RequestTooLarge e) {
      send(ex, 413, "text/plain", "Request too large\n".getBytes());
    } catch (Exception e) {
      send(ex, 500, "text/plain", "Internal error\n".getBytes());
    } finally {
      ex.close();
    }
  }

  private void ocsp(HttpExchange ex, OcspResponder ocsp) throws Exception {
    if ("GET".equals(ex.getRequestMethod())) {
      String path = ex.getRequestURI().getRawPath();
      String encoded = path.length() > "/ocsp/".length() ? path.substring("/ocsp/".length()) : "";
      byte[] request;
      try {
        // percent-decoding only: in a path '+' is a plus (base64), not a form-encoded space
        request = Base64.getDecoder().decode(URLDecoder.decode(encoded.replace("+", "%2B"),
            StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        request = new byte[0];
      }
      send(ex, 200, "application/ocsp-response", ocsp.respond(request));
    } else if (!"POST".equals(ex.getRequestMethod())) {
      ex.getResponseHeaders().add("Allow", "GET, POST");
      send(ex, 405, "text/plain",
          "Use POST with application/ocsp-request, or GET\n".getBytes(StandardCharsets.US_ASCII));
    } else {
      post(ex, "application/ocsp-request", "application/ocsp-response", ocsp::respond);
    }
  }

  private void post(HttpExchange ex, String requestType, String responseType, Body body)
      throws Exception {
    if (!"POST".equals(ex.getRequestMethod())) {
      ex.getResponseHeaders().add("Allow", "POST");
      send(ex, 405, "text/plain", ("Use POST with " + requestType + "\n").getBytes());
      return;
    }
    send(ex, 200, responseType, body.make(readLimited(ex.getRequestBody())));
  }

  private void download(HttpExchange ex, String prefix, String suffix, String type, CaBody body)
      throws Exception {
    if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
      send(ex, 405, "text/plain", "Use GET\n".getBytes());
      return;
    }
    String path = ex.getRequestURI().getPath();
    String alias = path.startsWith(prefix) && path.endsWith(suffix)
        ? path.substring(prefix.length(), path.length() - suffix.length()) : "";
    CaState ca = cas.get(alias);
    if (ca == null) {
      send(ex, 404, "text/plain", ("No CA named '" + alias + "'\n").getBytes(StandardCharsets.UTF_8));
      return;
    }
    send(ex, 200, type, body.make(ca));
  }

  private static byte[] readLimited(InputStream in) throws IOException {
    byte[] data = in.readNBytes(MAX_REQUEST_BYTES + 1);
    if (data.length > MAX_REQUEST_BYTES) {
      // drain a bounded amount so that the client reads the 413 instead of a reset connection
      byte[] buffer = new byte[8192];
      long drained = 0;
      for (int n; drained < MAX_DRAIN_BYTES && (n = in.read(buffer)) >= 0; ) {
        drained += n;
      }
      throw new RequestTooLarge();
    }
    return data;
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static final class RequestTooLarge extends IOException {
    RequestTooLarge() {
      super("request too large");
    }
  }
}
