package vn.lienthong.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.core.validation.MiniPki.NOW;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.RevocationClient;
import vn.lienthong.core.validation.MiniPki.Entity;
import vn.lienthong.core.validation.MiniPki.Spec;

/** What the OCSP/CRL client (signing, the hub's callers, evidence) fetches and believes. */
class RevocationClientFetchTest {

  private static RevocationClient client(Duration timeout) {
    return new RevocationClient(Clock.systemUTC(), new SecureRandom(), timeout);
  }

  /**
   * The timeout must cover the whole answer: a server that sends its headers and then one byte
   * now and then held the caller (a signer, a hub thread) for as long as it liked.
   */
  @Test
  void aServerTricklingItsBodyIsCutOffByTheTimeout() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "trickle");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, 1_000_000);
      try (OutputStream out = exchange.getResponseBody()) {
        while (!stop.get()) {
          out.write(0x30);
          out.flush();
          Thread.sleep(100);
        }
      } catch (IOException | InterruptedException e) {
        // the client went away
      }
    });
    server.start();
    try {
      Entity root = MiniPki.root("CN=Trickle Root,C=VN");
      Spec spec = new Spec("CN=Trickle Signer,C=VN").signer();
      spec.extensions.add(FetchTrap.cdp(
          "http://127.0.0.1:" + server.getAddress().getPort() + "/slow.crl"));
      Entity signer = MiniPki.issue(root, spec);

      CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> {
        try {
          return client(Duration.ofSeconds(1)).fetch(signer.cert(), root.cert());
        } catch (PkiException e) {
          return e;
        }
      });
      // a 1 s timeout: the call must be over long before 30 s (the body would take 28 hours)
      Object outcome;
      try {
        outcome = call.get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        outcome = "still reading after 30 s";
      }
      assertThat(outcome).isInstanceOf(PkiException.class);
      assertThat(((PkiException) outcome).reason())
          .isEqualTo(PkiException.Reason.REVOCATION_UNAVAILABLE);
    } finally {
      stop.set(true);
      server.stop(0);
    }
  }

  /**
   * A CRL is fetched over plain HTTP: anyone on the path may answer with another genuine CRL of
   * the same CA. The CA's authority revocation list (CA certificates only) or a delta CRL lists
   * none of the end-entity revocations, and the verifier refuses both (CrlScope); the client
   * behind signing and the hub's caller check believed them and called a revoked certificate good.
   */
  @Test
  void aCrlWhoseScopeLeavesTheCertificateOutSaysNothing() throws Exception {
    try (FetchTrap trap = new FetchTrap()) {
      Entity root = MiniPki.root("CN=Scope Root,C=VN");
      Spec spec = new Spec("CN=Revoked Signer,C=VN").signer();
      spec.extensions.add(FetchTrap.cdp(trap.url("/ca.crl")));
      Entity signer = MiniPki.issue(root, spec);
      // control: the CA's full CRL revokes it
      trap.bodies.put("/ca.crl",
          MiniPki.crl(root, signer.cert(), NOW.minusSeconds(7200)).getEncoded());
      assertThatThrownBy(() -> client(Duration.ofSeconds(5)).check(signer.cert(), root.cert()))
          .isInstanceOfSatisfying(PkiException.class,
              e -> assertThat(e.reason()).isEqualTo(PkiException.Reason.REVOKED));

      // the CA's genuine ARL in its place
      trap.bodies.put("/ca.crl", MiniPki.crl(root, null, null, NOW.minusSeconds(3600),
          NOW.plusSeconds(86400), List.of(new Extension(Extension.issuingDistributionPoint, true,
              new IssuingDistributionPoint(null, false, true, null, false, false).getEncoded())),
          List.of()).getEncoded());
      assertThatThrownBy(() -> client(Duration.ofSeconds(5)).check(signer.cert(), root.cert()))
          .as("an authority revocation list about an end-entity certificate")
          .isInstanceOf(PkiException.class);

      // a genuine delta CRL in its place
      trap.bodies.put("/ca.crl", MiniPki.crl(root, null, null, NOW.minusSeconds(3600),
          NOW.plusSeconds(86400), List.of(new Extension(Extension.deltaCRLIndicator, true,
              new ASN1Integer(1).getEncoded())), List.of()).getEncoded());
      assertThatThrownBy(() -> client(Duration.ofSeconds(5)).check(signer.cert(), root.cert()))
          .as("a delta CRL").isInstanceOf(PkiException.class);
    }
  }

  /**
   * RFC 5280 6.3.3 (f): a CA whose key usage lacks cRLSign does not sign CRLs, so an empty CRL it
   * signed says nothing of its certificates (the verifier refuses it; the client believed it).
   */
  @Test
  void aCrlOfACaWithoutCrlSignSaysNothing() throws Exception {
    try (FetchTrap trap = new FetchTrap()) {
      Entity root = MiniPki.root("CN=CRL Root,C=VN");
      Entity ca = MiniPki.issue(root, new Spec("CN=No CRLSign CA,C=VN")
          .ext(Extension.basicConstraints, true, new BasicConstraints(true))
          .ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign)));
      Spec spec = new Spec("CN=Signer,C=VN").signer();
      spec.extensions.add(FetchTrap.cdp(trap.url("/ca.crl")));
      Entity signer = MiniPki.issue(ca, spec);
      trap.bodies.put("/ca.crl", MiniPki.crl(ca, null, null).getEncoded());

      assertThatThrownBy(() -> client(Duration.ofSeconds(5)).check(signer.cert(), ca.cert()))
          .isInstanceOf(PkiException.class);
    }
  }
}
