package vn.lienthong.sample.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.jcajce.JcaCertificateID;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.Test;
import vn.lienthong.sample.pki.CaUrls;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.pki.TestPkis;

/**
 * The sample CA services as the RFCs and their clients expect them: across restarts (TSA serials,
 * CRL numbers), in the OCSP GET form, on paths and methods they do not serve, with stalled clients
 * and in a JVM that prefers IPv6.
 */
class CaServicesConformanceTest {

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** A clock tests move by hand. */
  static final class HandClock extends Clock {
    volatile Instant now;

    HandClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static byte[] ocspRequest(SamplePki pki, byte[] nonce) throws Exception {
    var digests = new JcaDigestCalculatorProviderBuilder().build();
    var id = new JcaCertificateID(digests.get(CertificateID.HASH_SHA1),
        pki.certificate(SamplePki.GOV_CA), pki.seal(TestPkis.PROVINCE).certificate().getSerialNumber());
    OCSPReqBuilder b = new OCSPReqBuilder().addRequest(id);
    if (nonce != null) {
      b.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
          false, new DEROctetString(new DEROctetString(nonce)))));
    }
    return b.build().getEncoded();
  }

  // ---- OCSP GET: '+' in the path is a plus, not a space ----

  @Test
  void ocspGetReadsARawPlusInTheBase64PathAsAPlus() throws Exception {
    try (SampleCaServer server = SampleCaServer.bind(0, Clock.systemUTC())) {
      SamplePki pki = TestPkis.small(server.urls(), Clock.systemUTC());
      server.start(pki);
      // a request whose base64 holds a '+', sent as RFC 3986 allows in a path: unescaped
      String b64 = null;
      SecureRandom random = new SecureRandom();
      while (b64 == null || !b64.contains("+")) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        b64 = Base64.getEncoder().encodeToString(ocspRequest(pki, nonce));
      }
      HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(
          URI.create(server.urls().ocsp() + "/" + b64)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      OCSPResp resp = new OCSPResp(r.body());
      assertThat(resp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
      assertThat(((BasicOCSPResp) resp.getResponseObject()).getResponses()[0].getCertStatus())
          .isEqualTo(CertificateStatus.GOOD);
    }
  }

  // ---- TSA serial numbers across a restart ----

  @Test
  void tsaSerialNumbersStayUniqueAcrossARestart() throws Exception {
    HandClock clock = new HandClock(Instant.parse("2026-03-01T08:00:00Z"));
    SamplePki pki = TestPkis.small(CaUrls.loopback(1), clock);
    Set<BigInteger> serials = new HashSet<>();
    TimeStampAuthority first = new TimeStampAuthority(pki.credential(SamplePki.TSA),
        SamplePki.TSA_POLICY_OID, clock);
    for (int i = 0; i < 20; i++) {
      serials.add(serial(first));
    }
    assertThat(serials).hasSize(20);
    // the services restart 10 ms later (a busy hub asks for more than one token a millisecond)
    clock.now = clock.now.plusMillis(10);
    TimeStampAuthority second = new TimeStampAuthority(pki.credential(SamplePki.TSA),
        SamplePki.TSA_POLICY_OID, clock);
    for (int i = 0; i < 20; i++) {
      assertThat(serials.add(serial(second))).as("serial %d after the restart is new", i).isTrue();
    }
  }

  private static BigInteger serial(TimeStampAuthority tsa) throws Exception {
    byte[] req = new TimeStampRequestGenerator().generate(NISTObjectIdentifiers.id_sha256,
        new byte[32]).getEncoded();
    return new TimeStampResponse(tsa.respond(req)).getTimeStampToken().getTimeStampInfo()
        .getSerialNumber();
  }

  @Test
  void aTimeStampRequestWithAnExtensionTheTsaDoesNotKnowIsRefused() throws Exception {
    // RFC 3161 2.4.1: critical or not, an extension the TSA does not recognise gets no token
    SamplePki pki = TestPkis.small(CaUrls.loopback(1), Clock.systemUTC());
    TimeStampAuthority tsa = new TimeStampAuthority(pki.credential(SamplePki.TSA),
        SamplePki.TSA_POLICY_OID, Clock.systemUTC());
    for (boolean critical : new boolean[] {true, false}) {
      TimeStampRequestGenerator g = new TimeStampRequestGenerator();
      g.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), critical,
          new DEROctetString(new byte[] {1}));
      TimeStampResponse answer = new TimeStampResponse(tsa.respond(
          g.generate(NISTObjectIdentifiers.id_sha256, new byte[32]).getEncoded()));
      assertThat(answer.getTimeStampToken()).as("critical=%s", critical).isNull();
      assertThat(answer.getFailInfo().intValue())
          .isEqualTo(PKIFailureInfo.unacceptedExtension);
    }
  }

  // ---- CRL numbers across a restart ----

  @Test
  void crlNumbersKeepIncreasingAcrossARestart() throws Exception {
    HandClock clock = new HandClock(Instant.parse("2026-03-01T08:00:00Z"));
    SamplePki pki = TestPkis.small(CaUrls.loopback(1), clock);
    BigInteger last;
    try (SampleCaServer server = SampleCaServer.bind(0, clock)) {
      server.start(pki);
      crlNumber(server);
      clock.now = clock.now.plusSeconds(60);
      last = crlNumber(server);
    }
    clock.now = clock.now.plusSeconds(3600);
    try (SampleCaServer restarted = SampleCaServer.bind(0, clock)) {
      restarted.start(pki);
      X509CRL crl = crl(restarted);
      assertThat(crl.getThisUpdate().toInstant()).isEqualTo(clock.now);
      assertThat(number(crl)).as("CRL number after a restart").isGreaterThan(last);
    }
  }

  private static BigInteger crlNumber(SampleCaServer server) throws Exception {
    return number(crl(server));
  }

  private static X509CRL crl(SampleCaServer server) throws Exception {
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(
        server.urls().crl(SamplePki.GOV_CA)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return (X509CRL) CertificateFactory.getInstance("X.509")
        .generateCRL(new ByteArrayInputStream(r.body()));
  }

  private static BigInteger number(X509CRL crl) {
    byte[] ext = crl.getExtensionValue(Extension.cRLNumber.getId());
    return ASN1Integer.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getValue();
  }

  // ---- unknown paths ----

  @Test
  void pathsThatOnlyBeginLikeAServiceAre404() throws Exception {
    try (SampleCaServer server = SampleCaServer.bind(0, Clock.systemUTC())) {
      SamplePki pki = TestPkis.small(server.urls(), Clock.systemUTC());
      server.start(pki);
      for (String path : List.of("/ocspx", "/ocsp-old", "/tsa2", "/tsa/x")) {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(
            URI.create(server.urls().base() + path)).POST(HttpRequest.BodyPublishers.ofByteArray(
                ocspRequest(pki, null))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(404);
      }
      assertThat(server.requestCount(SampleCaServer.Service.OCSP)).isZero();
      assertThat(server.requestCount(SampleCaServer.Service.TSA)).isZero();
    }
  }

  // ---- 405 names the methods the resource allows ----

  @Test
  void ocspRefusesOtherMethodsNamingGetAndPost() throws Exception {
    try (SampleCaServer server = SampleCaServer.bind(0, Clock.systemUTC())) {
      SamplePki pki = TestPkis.small(server.urls(), Clock.systemUTC());
      server.start(pki);
      HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(server.urls().ocsp())
          .method("PUT", HttpRequest.BodyPublishers.ofByteArray(ocspRequest(pki, null))).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(405);
      assertThat(String.join(",", r.headers().allValues("Allow"))).contains("GET").contains("POST");
    }
  }

  // ---- RFC 8954: nonce length ----

  @Test
  void ocspNoncesOfNoOctetsOrOver32AreMalformed() throws Exception {
    try (SampleCaServer server = SampleCaServer.bind(0, Clock.systemUTC())) {
      SamplePki pki = TestPkis.small(server.urls(), Clock.systemUTC());
      server.start(pki);
      for (int length : new int[] {0, 33, 1000}) {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(server.urls().ocsp())
            .POST(HttpRequest.BodyPublishers.ofByteArray(ocspRequest(pki, new byte[length])))
            .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(new OCSPResp(r.body()).getStatus()).as("nonce of %d octets", length)
            .isEqualTo(OCSPResp.MALFORMED_REQUEST);
      }
      HttpResponse<byte[]> ok = HTTP.send(HttpRequest.newBuilder(server.urls().ocsp())
          .POST(HttpRequest.BodyPublishers.ofByteArray(ocspRequest(pki, new byte[32])))
          .build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(new OCSPResp(ok.body()).getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
    }
  }

  // ---- stalled clients ----

  @Test
  void clientsThatStallMidRequestDoNotStopTheServices() throws Exception {
    try (SampleCaServer server = SampleCaServer.bind(0, Clock.systemUTC())) {
      SamplePki pki = TestPkis.small(server.urls(), Clock.systemUTC());
      server.start(pki);
      List<Socket> stalled = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          Socket s = new Socket("127.0.0.1", server.port());
          OutputStream out = s.getOutputStream();
          out.write(("POST /ocsp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n0")
              .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          stalled.add(s);
        }
        Thread.sleep(300);
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(server.urls().ocsp())
            .timeout(Duration.ofSeconds(5))
            .POST(HttpRequest.BodyPublishers.ofByteArray(ocspRequest(pki, null))).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertThat(new OCSPResp(r.body()).getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
      } finally {
        for (Socket s : stalled) {
          s.close();
        }
      }
    }
  }

  // ---- the address it listens on is the one its URLs name ----

  @Test
  void theServicesAnswerAtTheirUrlsInAJvmThatPrefersIpv6() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Djava.net.preferIPv6Addresses=true",
        "-cp", System.getProperty("java.class.path"), FetchOwnCaCertificate.class.getName())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output.strip()).isEqualTo("200");
  }

  /** Starts the services and fetches a CA certificate from the URL its PKI names. */
  public static final class FetchOwnCaCertificate {
    public static void main(String[] args) throws Exception {
      try (SampleCaServer server = SampleCaServer.bind(0, Clock.systemUTC())) {
        SamplePki pki = TestPkis.small(server.urls(), Clock.systemUTC());
        server.start(pki);
        var c = (java.net.HttpURLConnection) pki.urls().caCertificate(SamplePki.GOV_CA).toURL()
            .openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        try {
          System.out.println(c.getResponseCode());
        } catch (java.io.IOException e) {
          System.out.println(e);
        }
      }
    }
  }
}
