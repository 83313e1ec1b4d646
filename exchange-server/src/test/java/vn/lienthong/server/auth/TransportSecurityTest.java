package vn.lienthong.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.server.support.Calls.assertFault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.interop.ExternalTool;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.RevocationReason;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.pki.UnitSpec;
import vn.lienthong.sample.services.SampleCaServer;
import vn.lienthong.server.Hub;
import vn.lienthong.server.api.ws.ExchangePortType;
import vn.lienthong.server.api.ws.FaultCode;
import vn.lienthong.server.api.ws.GetPendingMessagesRequest;
import vn.lienthong.server.api.ws.GetUnitsRequest;
import vn.lienthong.server.api.ws.SendDocumentRequest;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.registry.Registry;
import vn.lienthong.server.store.Sql;
import vn.lienthong.server.support.Calls;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubClient;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.RawSoap;
import vn.lienthong.server.support.SystemCerts;
import vn.lienthong.server.support.Units;

/**
 * Issue 6's transport security over real TLS on loopback, against a PKI whose OCSP responder and
 * CRLs are served by the sample CA server: protocol versions, client certificates that the
 * handshake refuses (expired, not yet valid, unknown root) and that the hub refuses with a typed
 * fault (revoked at the CA, signed by another unit), and WS-Security: unsigned, Timestamp not
 * signed, Timestamp outside the skew (a client whose clock is off), replay, a wrapped Body, a
 * signer from an untrusted root, an attachment that is not the one the signed request names.
 */
class TransportSecurityTest {

  @TempDir
  static Path dir;
  static SampleCaServer ca;
  static SamplePki pki;
  static Hub hub;
  static List<String> units;

  @BeforeAll
  static void start() throws IOException {
    ca = SampleCaServer.bind(0, Clock.systemUTC());
    pki = DemoSet.generator(KeyKind.EC_P256, ca.urls()).build().generate();
    ca.start(pki);
    units = DemoSet.units().stream().map(UnitSpec::organId).filter(u -> !u.equals(HubFixture.ADMIN)).toList();
    hub = start(dir.resolve("hub"), SecurityConfig.DEFAULT);
  }

  static Hub start(Path data, SecurityConfig security) {
    Hub h = Hub.start(HubFixture.config(data, null, Duration.ofMinutes(5)), HubFixture.tls(pki), security,
        Clock.systemUTC(), new SecureRandom(), EvidenceHook.NONE, null);
    h.registry().registerAll(Units.sample());
    for (UnitSpec u : DemoSet.units()) {
      h.registry().addCertificate(OrganId.of(u.organId()), Registry.encoded(pki.system(u.organId()).certificate()));
    }
    return h;
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    if (ca != null) {
      ca.close();
    }
  }

  static ExchangePortType client(Credential tls, Credential signer, Clock clock) {
    return HubClient.connect(hub.address(), tls, signer, pki.trustAnchors(), clock);
  }

  static ExchangePortType client(String unit) {
    return client(pki.system(unit), pki.system(unit), Clock.systemUTC());
  }

  static GetPendingMessagesRequest one() {
    GetPendingMessagesRequest r = new GetPendingMessagesRequest();
    r.setMax(1);
    return r;
  }

  // ----- TLS -----

  @Test
  void tls13ByDefaultTls12AllowedNothingOlder() throws Exception {
    assertThat(protocol(null)).isEqualTo("TLSv1.3");
    assertThat(protocol(new String[] {"TLSv1.2"})).isEqualTo("TLSv1.2");
    ExternalTool.require("openssl", "openssl");
    for (String old : List.of("-tls1_1", "-tls1")) {
      ExternalTool.Result r = ExternalTool.run(dir, "openssl", "s_client", "-connect", "127.0.0.1:" + hub.port(),
          old, "-cipher", "DEFAULT@SECLEVEL=0");
      assertThat(r.exitCode()).as(r.output()).isNotZero();
      assertThat(r.output()).as(old).containsIgnoringCase("alert protocol version");
    }
  }

  static String protocol(String[] protocols) throws IOException {
    try (SSLSocket s = (SSLSocket) RawSoap.context(pki.system(units.get(0)), pki.trustAnchors()).getSocketFactory()
        .createSocket("127.0.0.1", hub.port())) {
      if (protocols != null) {
        s.setEnabledProtocols(protocols);
      }
      s.startHandshake();
      return s.getSession().getProtocol();
    }
  }

  @Test
  void expiredNotYetValidAndUnknownRootClientCertificatesFailTheHandshake() throws Exception {
    String unit = units.get(1);
    Instant now = Instant.now();
    Credential gov = pki.credential(SamplePki.GOV_CA);
    Credential expired = SystemCerts.issue(gov, unit, now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1)),
        null);
    Credential notYet = SystemCerts.issue(gov, unit, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(400)), null);
    Credential rogue = SystemCerts.issue(pki.credential(SamplePki.ROGUE_ROOT), unit, now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(400)), null);
    for (Credential bad : List.of(expired, notYet, rogue)) {
      // registered, so only the handshake stands in the way
      hub.registry().addCertificate(OrganId.of(unit), Registry.encoded(bad.certificate()));
    }
    assertThat(handshakeRefusal(pki.system(unit))).as("a good certificate gets an HTTP answer").isNull();
    // JSSE's alerts: a path that fails validation (expired, not yet valid) is certificate_unknown;
    // no path to a configured root, or no certificate at all, is bad_certificate
    assertThat(handshakeRefusal(expired)).isEqualTo("Received fatal alert: certificate_unknown");
    assertThat(handshakeRefusal(notYet)).isEqualTo("Received fatal alert: certificate_unknown");
    assertThat(handshakeRefusal(rogue)).isEqualTo("Received fatal alert: bad_certificate");
    assertThat(handshakeRefusal(null)).isEqualTo("Received fatal alert: bad_certificate");
  }

  /**
   * The TLS alert the hub sent, or null when it answered HTTP. The hub may close the connection
   * while the client still writes its Finished (broken pipe, the alert unread): then try again.
   */
  static String handshakeRefusal(Credential tls) {
    IOException last = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      try {
        return handshakeOnce(tls);
      } catch (SSLException e) {
        return e.getMessage();
      } catch (IOException e) {
        last = e;
      }
    }
    throw new AssertionError("no alert in 10 attempts", last);
  }

  private static String handshakeOnce(Credential tls) throws IOException {
    try (SSLSocket s = (SSLSocket) RawSoap.context(tls, pki.trustAnchors()).getSocketFactory()
        .createSocket("127.0.0.1", hub.port())) {
      s.setSoTimeout(10_000);
      s.startHandshake();
      try {
        s.getOutputStream().write(("GET /exchange?wsdl HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
      } catch (SSLException e) {
        return e.getMessage();
      } catch (IOException e) {
        // the hub may already have closed after its alert (broken pipe): the alert is still to be read
      }
      String answer = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1");
      return null;
    }
  }

  @Test
  void aCertificateRevokedAtItsCaIsRefusedByOcsp() throws Exception {
    String revoked = units.get(2);
    String good = units.get(3);
    long before = ca.requestCount(SampleCaServer.Service.OCSP);
    Calls.pending(client(good), 1);
    Calls.pending(client(good), 1);
    assertThat(ca.requestCount(SampleCaServer.Service.OCSP)).as("one OCSP request, then the cache").isEqualTo(before + 1);
    ca.revoke(pki.system(revoked).certificate(), RevocationReason.KEY_COMPROMISE, Instant.now().minusSeconds(1));
    var fault = assertFault(FaultCode.NOT_AUTHENTICATED, () -> client(revoked).getPendingMessages(one()));
    assertThat(fault.getMessage()).contains("revoked");
  }

  /**
   * The issuer asked about the client's certificate is the one whose key signed it, not the first
   * certificate of the client's chain bearing its name: a junk one with the CA's name and its own
   * key made every OCSP and CRL answer fail, read as "unavailable", and let the revoked one in.
   */
  @Test
  void aCertificateRevokedAtItsCaStaysRefusedWithAJunkIssuerInTheClientsChain() throws Exception {
    String unit = units.get(2);
    ca.revoke(pki.system(unit).certificate(), RevocationReason.KEY_COMPROMISE, Instant.now().minusSeconds(1));
    try (Hub fresh = start(dir.resolve("junk-issuer"), SecurityConfig.DEFAULT)) {   // nothing cached
      Credential revoked = pki.system(unit);
      X509Certificate govCa = pki.credential(SamplePki.GOV_CA).certificate();
      X509Certificate[] chain = {revoked.certificate(), SystemCerts.junkCaNamed(govCa), govCa};
      byte[] request = RawSoap.bytes(RawSoap.sign(RawSoap.pendingRequest(1), revoked, Clock.systemUTC(), true, true));
      RawSoap.Answer a = RawSoap.post(fresh.address(), revoked.privateKey(), chain, pki.trustAnchors(), request);
      assertThat(a.status()).as(a.body()).isEqualTo(500);
      assertThat(a.faultCode()).isEqualTo("NOT_AUTHENTICATED");
      assertThat(a.faultMessage()).contains("revoked");
    }
  }

  /** A certificate revoked in the registry authenticates no one: not its unit, not an administrator. */
  @Test
  void anAdministratorsCertificateRevokedInTheRegistryNoLongerAuthenticates() throws Exception {
    try (Hub fresh = start(dir.resolve("admin-revoked"), SecurityConfig.DEFAULT)) {
      Credential admin = pki.system(HubFixture.ADMIN);   // registered for its unit by start()
      ExchangePortType client = HubClient.connect(fresh.address(), admin, admin, pki.trustAnchors(), Clock.systemUTC());
      assertThat(client.getUnits(new GetUnitsRequest()).getUnit()).isNotEmpty();
      fresh.registry().revokeCertificate(OrganId.of(HubFixture.ADMIN), Registry.sha256(Registry.encoded(
          admin.certificate())));
      var fault = assertFault(FaultCode.NOT_AUTHENTICATED, () -> client.getUnits(new GetUnitsRequest()));
      assertThat(fault.getMessage()).contains("revoked in the hub's registry");
    }
  }

  @Test
  void whenOcspAndCrlAreDownTheSettingDecides() throws Exception {
    String unit = units.get(4);
    try (Hub strict = start(dir.resolve("strict"), new SecurityConfig(Duration.ofMinutes(5),
        SecurityConfig.WhenUnavailable.REFUSE, Duration.ofMinutes(5)))) {
      ca.setDown(SampleCaServer.Service.OCSP, true);
      ca.setDown(SampleCaServer.Service.CRL, true);
      try {
        ExchangePortType refused = HubClient.connect(strict.address(), pki.system(unit), pki.system(unit),
            pki.trustAnchors(), Clock.systemUTC());
        var fault = assertFault(FaultCode.NOT_AUTHENTICATED, () -> refused.getPendingMessages(one()));
        assertThat(fault.getMessage()).contains("revocation status is unavailable");
        // the default hub accepts on the registry's word (and logs a warning)
        assertThat(Calls.pending(client(unit), 1)).isEmpty();
      } finally {
        ca.setDown(SampleCaServer.Service.OCSP, false);
        ca.setDown(SampleCaServer.Service.CRL, false);
      }
    }
  }

  // ----- WS-Security -----

  @Test
  void aSignatureByAnotherUnitIsRefused() {
    String a = units.get(5);
    String b = units.get(6);
    var fault = assertFault(FaultCode.NOT_AUTHENTICATED,
        () -> client(pki.system(a), pki.system(b), Clock.systemUTC()).getPendingMessages(one()));
    assertThat(fault.getMessage()).contains("not by the unit of the TLS client");
  }

  @Test
  void anUnsignedRequestIsRefused() {
    var fault = assertFault(FaultCode.NOT_AUTHENTICATED,
        () -> client(pki.system(units.get(0)), null, Clock.systemUTC()).getPendingMessages(one()));
    assertThat(fault.getMessage()).contains("WS-Security");
  }

  @Test
  void aTimestampOutsideFiveMinutesIsRefusedBothWays() throws Exception {
    Credential c = pki.system(units.get(0));
    for (Duration shift : List.of(Duration.ofMinutes(-7), Duration.ofMinutes(7))) {
      Clock off = Clock.offset(Clock.systemUTC(), shift);
      var fault = assertFault(FaultCode.NOT_AUTHENTICATED, () -> client(c, c, off).getPendingMessages(one()));
      assertThat(fault.getMessage()).as(shift.toString()).contains("Timestamp");
    }
    Clock slightlyOff = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(3));
    assertThat(Calls.pending(client(c, c, slightlyOff), 1)).isNotNull();
  }

  @Test
  void theSameSignedBytesPostedTwiceAreARefusedReplay() {
    Credential c = pki.system(units.get(0));
    byte[] request = RawSoap.bytes(RawSoap.sign(RawSoap.pendingRequest(1), c, Clock.systemUTC(), true, true));
    RawSoap.Answer first = RawSoap.post(hub.address(), c, pki.trustAnchors(), request);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    RawSoap.Answer second = RawSoap.post(hub.address(), c, pki.trustAnchors(), request);
    assertThat(second.status()).isEqualTo(500);
    assertThat(second.faultCode()).as(second.body()).isEqualTo("NOT_AUTHENTICATED");
    assertThat(second.faultMessage()).contains("replay");
  }

  /**
   * ECDSA signatures are malleable: (r, s) and (r, n − s) both verify. WSS4J's replay identifier
   * hashed the signature value, so the same captured request with its value rewritten was let in.
   */
  @Test
  void aCapturedRequestWithItsEcdsaSignatureValueRewrittenIsStillARefusedReplay() {
    Credential c = pki.system(units.get(0));
    Document doc = RawSoap.sign(RawSoap.pendingRequest(1), c, Clock.systemUTC(), true, true);
    RawSoap.Answer first = RawSoap.post(hub.address(), c, pki.trustAnchors(), RawSoap.bytes(doc));
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    Element value = (Element) doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "SignatureValue")
        .item(0);
    byte[] rs = java.util.Base64.getMimeDecoder().decode(value.getTextContent());
    assertThat(rs).hasSize(64);
    java.math.BigInteger order = new java.math.BigInteger(
        "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);   // of P-256
    byte[] flipped = order.subtract(new java.math.BigInteger(1, java.util.Arrays.copyOfRange(rs, 32, 64)))
        .toByteArray();
    java.util.Arrays.fill(rs, 32, 64, (byte) 0);
    int n = Math.min(flipped.length, 32);
    System.arraycopy(flipped, flipped.length - n, rs, 64 - n, n);
    value.setTextContent(java.util.Base64.getEncoder().encodeToString(rs));
    RawSoap.Answer replayed = RawSoap.post(hub.address(), c, pki.trustAnchors(), RawSoap.bytes(doc));
    assertThat(replayed.status()).as(replayed.body()).isEqualTo(500);
    assertThat(replayed.faultCode()).isEqualTo("NOT_AUTHENTICATED");
    assertThat(replayed.faultMessage()).contains("replay");
  }

  @Test
  void aBodySignedWithoutItsTimestampIsRefused() {
    Credential c = pki.system(units.get(0));
    byte[] request = RawSoap.bytes(RawSoap.sign(RawSoap.pendingRequest(1), c, Clock.systemUTC(), false, true));
    RawSoap.Answer a = RawSoap.post(hub.address(), c, pki.trustAnchors(), request);
    assertThat(a.faultCode()).as(a.body()).isEqualTo("NOT_AUTHENTICATED");
    assertThat(a.faultMessage()).contains("does not cover the Timestamp");
  }

  @Test
  void aSignedBodyWrappedInsideAnotherBodyIsRefused() {
    Credential c = pki.system(units.get(0));
    // the control: the same kind of signed document, untouched, passes
    assertThat(RawSoap.post(hub.address(), c, pki.trustAnchors(), RawSoap.bytes(
        RawSoap.sign(RawSoap.pendingRequest(1), c, Clock.systemUTC(), true, true))).status()).isEqualTo(200);
    Document doc = RawSoap.sign(RawSoap.pendingRequest(1), c, Clock.systemUTC(), true, true);
    Element envelope = doc.getDocumentElement();
    Element signed = body(doc);
    envelope.removeChild(signed);
    Element fake = doc.createElementNS(RawSoap.SOAP, signed.getPrefix() + ":Body");
    fake.appendChild(doc.importNode(RawSoap.pendingRequest(500).getElementsByTagNameNS(RawSoap.NS,
        "GetPendingMessagesRequest").item(0), true));
    Element wrapper = doc.createElementNS("urn:attacker", "w:Wrapper");
    wrapper.appendChild(signed);
    fake.appendChild(wrapper);
    envelope.appendChild(fake);
    RawSoap.Answer a = RawSoap.post(hub.address(), c, pki.trustAnchors(), RawSoap.bytes(doc));
    assertThat(a.faultCode()).as(a.body()).isEqualTo("NOT_AUTHENTICATED");
    assertThat(a.faultMessage()).contains("WS-Security");
    assertThat(a.body()).doesNotContain("GetPendingMessagesResponse");
  }

  @Test
  void aSignatureOverTheTimestampOnlyLeavesTheBodyUnsignedAndIsRefused() {
    Credential c = pki.system(units.get(0));
    byte[] request = RawSoap.bytes(RawSoap.sign(RawSoap.pendingRequest(1), c, Clock.systemUTC(), true, false));
    RawSoap.Answer a = RawSoap.post(hub.address(), c, pki.trustAnchors(), request);
    assertThat(a.faultCode()).as(a.body()).isEqualTo("NOT_AUTHENTICATED");
    assertThat(a.faultMessage()).contains("does not cover the SOAP Body");
  }

  @Test
  void aSignedBodyMovedIntoAHeaderWithAnotherBodyInItsPlaceNeverRunsTheOtherBody() {
    Credential c = pki.system(units.get(0));
    Document doc = RawSoap.sign(RawSoap.pendingRequest(1), c, Clock.systemUTC(), true, true);
    byte[] captured = RawSoap.bytes(doc);
    Element envelope = doc.getDocumentElement();
    Element signed = body(doc);
    Element header = (Element) doc.getElementsByTagNameNS(RawSoap.SOAP, "Header").item(0);
    Element wrapper = doc.createElementNS("urn:attacker", "w:Wrapper");
    header.appendChild(wrapper);
    envelope.removeChild(signed);
    wrapper.appendChild(signed);
    Element fake = doc.createElementNS(RawSoap.SOAP, signed.getPrefix() + ":Body");
    fake.appendChild(doc.importNode(RawSoap.parse("<ns:GetUnitRequest xmlns:ns=\"" + RawSoap.NS + "\"><ns:OrganId>"
        + HubFixture.ADMIN + "</ns:OrganId></ns:GetUnitRequest>").getDocumentElement(), true));
    envelope.appendChild(fake);
    byte[] wrapped = RawSoap.bytes(doc);
    // sent as captured, then wrapped: the replay cache refuses the second
    assertThat(RawSoap.post(hub.address(), c, pki.trustAnchors(), captured).status()).isEqualTo(200);
    RawSoap.Answer replayed = RawSoap.post(hub.address(), c, pki.trustAnchors(), wrapped);
    assertThat(replayed.faultCode()).as(replayed.body()).isEqualTo("NOT_AUTHENTICATED");
    // wrapped before the original was ever sent: CXF takes the first soap:Body it meets (the
    // signed one, inside the header) as the Body and drops the other, so only signed content runs
    Document fresh = RawSoap.sign(RawSoap.pendingRequest(1), c, Clock.systemUTC(), true, true);
    Element freshSigned = body(fresh);
    Element freshHeader = (Element) fresh.getElementsByTagNameNS(RawSoap.SOAP, "Header").item(0);
    Element freshWrapper = fresh.createElementNS("urn:attacker", "w:Wrapper");
    freshHeader.appendChild(freshWrapper);
    fresh.getDocumentElement().removeChild(freshSigned);
    freshWrapper.appendChild(freshSigned);
    fresh.getDocumentElement().appendChild(fresh.importNode(fake, true));
    RawSoap.Answer a = RawSoap.post(hub.address(), c, pki.trustAnchors(), RawSoap.bytes(fresh));
    assertThat(a.body()).doesNotContain("GetUnitResponse");
  }

  static Element body(Document doc) {
    return (Element) doc.getElementsByTagNameNS(RawSoap.SOAP, "Body").item(0);
  }

  @Test
  void aSignerFromAnUntrustedRootIsRefusedEvenOverAGoodTlsConnection() {
    String unit = units.get(0);
    Credential rogue = SystemCerts.issue(pki.credential(SamplePki.ROGUE_ROOT), unit,
        Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), null);
    var fault = assertFault(FaultCode.NOT_AUTHENTICATED,
        () -> client(pki.system(unit), rogue, Clock.systemUTC()).getPendingMessages(one()));
    assertThat(fault.getMessage()).contains("not trusted");
  }

  @Test
  void anExpiredSigningCertificateIsRefusedEvenOverAGoodTlsConnection() {
    String unit = units.get(0);
    Credential expired = SystemCerts.issue(pki.credential(SamplePki.GOV_CA), unit,
        Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(1)), null);
    hub.registry().addCertificate(OrganId.of(unit), Registry.encoded(expired.certificate()));
    var fault = assertFault(FaultCode.NOT_AUTHENTICATED,
        () -> client(pki.system(unit), expired, Clock.systemUTC()).getPendingMessages(one()));
    assertThat(fault.getMessage()).contains("not trusted");
  }

  /**
   * The JDK's TLS takes RSA-1024 keys and SHA-1 signatures on client certificates; the hub does
   * not (Circular 15/2025): at registration, and at each call from a certificate registered before
   * this check or an administrator's, which needs no registration.
   */
  @Test
  void weakSystemCertificatesAreRefusedAtRegistrationAndAtEachCall() throws Exception {
    String unit = units.get(7); // no other test revokes or changes its certificates
    Instant now = Instant.now();
    // the CA of the unit's own system certificate, so that its TLS chain completes the signer's path
    Credential ca = pki.credential(pki.system(unit).issuerAlias());
    Instant from = now.minus(Duration.ofDays(1));
    Instant to = now.plus(Duration.ofDays(30));
    record Weak(String reason, Credential credential, String asSigner) {}
    // as a WS-Security signer, the JDK's path building already refuses the SHA-1 one; the RSA-1024 one only the hub
    for (Weak w : List.of(
        new Weak("1024-bit RSA key", SystemCerts.issue(ca, unit, from, to, null, 1024, "SHA256"),
            "the WS-Security certificate is unfit: it is too weak: a 1024-bit RSA key"),
        new Weak("signed with SHA1withECDSA", SystemCerts.issue(ca, unit, from, to, null, 0, "SHA1"),
            "the WS-Security signing certificate is not trusted"))) {
      byte[] der = Registry.encoded(w.credential().certificate());
      assertThatThrownBy(() -> hub.registry().addCertificate(OrganId.of(unit), der))
          .isInstanceOfSatisfying(HubException.class, e -> {
            assertThat(e.error()).isEqualTo(HubError.INVALID_CERTIFICATE);
            assertThat(e.getMessage()).contains(w.reason());
          });
      registerAsBefore(unit, w.credential().certificate());
      var fault = assertFault(FaultCode.NOT_AUTHENTICATED,
          () -> client(w.credential(), w.credential(), Clock.systemUTC()).getPendingMessages(one()));
      assertThat(fault.getMessage()).contains("the TLS certificate is unfit").contains(w.reason());
      fault = assertFault(FaultCode.NOT_AUTHENTICATED,
          () -> client(pki.system(unit), w.credential(), Clock.systemUTC()).getPendingMessages(one()));
      assertThat(fault.getMessage()).contains(w.asSigner());
    }
    Credential weakAdmin = SystemCerts.issue(ca, HubFixture.ADMIN, from, to, null, 1024, "SHA256");
    var fault = assertFault(FaultCode.NOT_AUTHENTICATED,
        () -> client(weakAdmin, weakAdmin, Clock.systemUTC()).getUnits(new GetUnitsRequest()));
    assertThat(fault.getMessage()).contains("1024-bit RSA key");
  }

  /** Writes a certificate into the registry as a hub before 2026-11-27 accepted it (no checks). */
  static void registerAsBefore(String unit, X509Certificate cert) {
    byte[] der = Registry.encoded(cert);
    hub.database().autoCommit(c -> {
      try (var ps = c.prepareStatement("INSERT INTO unit_certificate (sha256, organ_id, subject, not_after, der, "
          + "revoked, added_at) VALUES (?, ?, ?, ?, ?, FALSE, ?)")) {
        ps.setString(1, Calls.sha256(der));
        ps.setString(2, unit);
        ps.setString(3, cert.getSubjectX500Principal().getName());
        Sql.setInstant(ps, 4, cert.getNotAfter().toInstant());
        ps.setBytes(5, der);
        Sql.setInstant(ps, 6, Instant.now());
        return ps.executeUpdate();
      }
    });
  }

  @Test
  void aSecondCertificateSignsOnlyWhenRegisteredAndAnAdministratorOutsideTheRegistrySignsWithItsTlsCertificate()
      throws Exception {
    Instant now = Instant.now();
    Credential gov = pki.credential(SamplePki.GOV_CA);
    Credential adminOnly = SystemCerts.issue(gov, HubFixture.ADMIN, now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(30)), null);
    Credential other = SystemCerts.issue(gov, HubFixture.ADMIN, now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(30)), null);
    // adminOnly is not registered: the administrator role alone, signing with its TLS certificate
    assertThat(client(adminOnly, adminOnly, Clock.systemUTC()).getUnits(new GetUnitsRequest()).getUnit())
        .hasSize(970);
    var fault = assertFault(FaultCode.NOT_AUTHENTICATED,
        () -> client(adminOnly, other, Clock.systemUTC()).getUnits(new GetUnitsRequest()));
    assertThat(fault.getMessage()).contains("an administrator or auditor signs with its TLS certificate");
    // a registered unit signing with another certificate of its own: only once that one is registered too
    Credential registered = pki.system(HubFixture.ADMIN);
    fault = assertFault(FaultCode.NOT_AUTHENTICATED,
        () -> client(registered, other, Clock.systemUTC()).getUnits(new GetUnitsRequest()));
    assertThat(fault.getMessage()).contains("not registered for the unit");
    hub.registry().addCertificate(OrganId.of(HubFixture.ADMIN), Registry.encoded(other.certificate()));
    assertThat(client(registered, other, Clock.systemUTC()).getUnits(new GetUnitsRequest()).getUnit()).hasSize(970);
  }

  @Test
  void anAttachmentOtherThanTheOneTheSignedRequestNamesIsRefusedAndNothingStored() throws Exception {
    String from = units.get(0);
    String to = units.get(1);
    java.nio.file.Files.createDirectories(dir.resolve("files"));
    Attachment a = Attachment.of("cid:a", "a.txt", "Tệp a", "text/plain", java.nio.file.Files.writeString(
        dir.resolve("files").resolve("a.txt"), "Nội dung kiểm thử / test content"));   // not a PDF: transport only
    byte[] envelope = Envelopes.signed(Envelopes.document(from, "WSSEC-1", List.of(to), List.of(a)), List.of(a),
        pki.system(from));
    long messages = Calls.count(hub.database(), "message");
    SendDocumentRequest r = new SendDocumentRequest();
    r.setEnvelope(Envelopes.handler(envelope));
    r.setEnvelopeSha256(Calls.sha256(new byte[] {1}));
    var fault = assertFault(FaultCode.MANIFEST_MISMATCH, () -> client(from).sendDocument(r));
    assertThat(fault.getField()).isEqualTo("EnvelopeSha256");
    r.setEnvelopeSha256(null);
    assertFault(FaultCode.INVALID_REQUEST, () -> client(from).sendDocument(r));
    assertThat(Calls.count(hub.database(), "message")).isEqualTo(messages);
    r.setEnvelopeSha256(Calls.sha256(envelope));
    assertThat(client(from).sendDocument(r).getReceipt().getDocumentId()).isEqualTo("WSSEC-1");
  }
}
