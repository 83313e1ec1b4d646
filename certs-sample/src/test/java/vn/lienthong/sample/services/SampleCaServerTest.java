package vn.lienthong.sample.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaCertificateID;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienthong.sample.pki.RevocationReason;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.pki.TestPkis;
import vn.lienthong.sample.services.SampleCaServer.Service;

class SampleCaServerTest {

  private static SampleCaServer server;
  private static SamplePki pki;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static DigestCalculatorProvider digests;

  @BeforeAll
  static void start() throws Exception {
    server = SampleCaServer.bind(0, Clock.systemUTC());
    pki = TestPkis.small(server.urls(), Clock.systemUTC());
    server.start(pki);
    digests = new JcaDigestCalculatorProviderBuilder().build();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ---- OCSP ----

  @Test
  void ocspSaysGoodForAValidSealInASignedResponseWithTheNonce() throws Exception {
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    BasicOCSPResp basic = basic(post(ocspRequest(TestPkis.PROVINCE, nonce)));
    SingleResp single = basic.getResponses()[0];
    assertThat(single.getCertStatus()).isEqualTo(CertificateStatus.GOOD);
    assertThat(single.getNextUpdate()).isAfter(single.getThisUpdate());
    assertThat(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue())
        .isEqualTo(new DEROctetString(new DEROctetString(nonce)));
    assertSignedByDelegatedResponder(basic);
  }

  @Test
  void ocspSaysRevokedWithReasonAndTime() throws Exception {
    X509Certificate revoked = pki.certificate(SamplePki.BAD_REVOKED);
    SingleResp single = basic(post(ocspRequest(revoked, SamplePki.GOV_CA, null))).getResponses()[0];
    assertThat(single.getCertStatus()).isInstanceOf(RevokedStatus.class);
    RevokedStatus status = (RevokedStatus) single.getCertStatus();
    assertThat(status.getRevocationReason()).isEqualTo(CRLReason.keyCompromise);
    assertThat(status.getRevocationTime().toInstant())
        .isEqualTo(pki.revocations().get(SamplePki.BAD_REVOKED).time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  @Test
  void ocspSaysUnknownForASerialTheCaNeverIssued() throws Exception {
    var id = new CertificateID(digests.get(CertificateID.HASH_SHA1),
        holder(pki.certificate(SamplePki.GOV_CA)), new BigInteger("1234567890"));
    byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
    SingleResp single = basic(post(request)).getResponses()[0];
    assertThat(single.getCertStatus()).isInstanceOf(UnknownStatus.class);
  }

  @Test
  void ocspAcceptsSha256CertIdsAndTheGetForm() throws Exception {
    X509Certificate seal = pki.seal(TestPkis.DEPARTMENT).certificate();
    var id = new JcaCertificateID(digests.get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
        NISTObjectIdentifiers.id_sha256)), pki.certificate(SamplePki.GOV_CA), seal.getSerialNumber());
    byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
    String encoded = java.net.URLEncoder.encode(Base64.getEncoder().encodeToString(request),
        java.nio.charset.StandardCharsets.US_ASCII);
    HttpResponse<byte[]> response = HTTP.send(
        HttpRequest.newBuilder(URI.create(pki.urls().ocsp() + "/" + encoded)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.headers().firstValue("Content-Type")).contains("application/ocsp-response");
    assertThat(basic(response.body()).getResponses()[0].getCertStatus())
        .isEqualTo(CertificateStatus.GOOD);
  }

  @Test
  void ocspForACaWeDoNotRunIsUnauthorized() throws Exception {
    SamplePki foreign = TestPkis.small(server.urls(), Clock.systemUTC());
    X509Certificate cert = foreign.seal(TestPkis.PROVINCE).certificate();
    var id = new JcaCertificateID(digests.get(CertificateID.HASH_SHA1),
        foreign.certificate(SamplePki.GOV_CA), cert.getSerialNumber());
    OCSPResp resp = new OCSPResp(post(new OCSPReqBuilder().addRequest(id).build().getEncoded()));
    assertThat(resp.getStatus()).isEqualTo(OCSPResp.UNAUTHORIZED);
  }

  @Test
  void malformedOcspRequestsGetMalformedRequestNotACrash() throws Exception {
    for (byte[] garbage : List.of(new byte[0], "hello".getBytes(), new byte[] {0x30, 0x03, 0x02, 0x01},
        new byte[] {0x30, (byte) 0x84, 0x7f, 0x7f, 0x7f, 0x7f})) {
      assertThat(new OCSPResp(post(garbage)).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }
    HttpResponse<byte[]> get = HTTP.send(HttpRequest.newBuilder(
        URI.create(pki.urls().ocsp() + "/%21%21notbase64")).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(new OCSPResp(get.body()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
  }

  @Test
  void revocationChangedAtRunTimeShowsInOcspAndCrlThenCanBeTakenBack() throws Exception {
    X509Certificate cert = pki.system(TestPkis.DEPARTMENT).certificate();
    Instant when = Instant.parse("2026-01-02T03:04:05Z");
    server.revoke(cert, RevocationReason.AFFILIATION_CHANGED, when);
    try {
      var status = basic(post(ocspRequest(cert, SamplePki.GOV_CA, null))).getResponses()[0].getCertStatus();
      assertThat(status).isInstanceOf(RevokedStatus.class);
      assertThat(((RevokedStatus) status).getRevocationReason()).isEqualTo(CRLReason.affiliationChanged);
      X509CRLEntry entry = crl(SamplePki.GOV_CA).getRevokedCertificate(cert);
      assertThat(entry).isNotNull();
      assertThat(entry.getRevocationDate().toInstant()).isEqualTo(when);
    } finally {
      server.unrevoke(cert);
    }
    assertThat(basic(post(ocspRequest(cert, SamplePki.GOV_CA, null))).getResponses()[0].getCertStatus())
        .isEqualTo(CertificateStatus.GOOD);
    assertThat(crl(SamplePki.GOV_CA).getRevokedCertificate(cert)).isNull();
  }

  @Test
  void aDownOcspResponderAnswersTryLater() throws Exception {
    server.setDown(Service.OCSP, true);
    try {
      assertThat(new OCSPResp(post(ocspRequest(TestPkis.PROVINCE, null))).getStatus())
          .isEqualTo(OCSPResp.TRY_LATER);
    } finally {
      server.setDown(Service.OCSP, false);
    }
  }

  // ---- the JDK's own PKIX revocation checking, against our OCSP and CRL ----

  @Test
  void theJdkValidatorSeesTheRevokedCertificateRevokedThroughOcsp() throws Exception {
    assertThat(jdkRevocationCheck(SamplePki.BAD_REVOKED, false))
        .isInstanceOfSatisfying(CertPathValidatorException.class,
            e -> assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
    assertThat(jdkRevocationCheck(SamplePki.sealAlias(TestPkis.PROVINCE), false)).isNull();
  }

  @Test
  void theJdkValidatorSeesTheRevokedCertificateRevokedThroughTheCrl() throws Exception {
    assertThat(jdkRevocationCheck(SamplePki.BAD_REVOKED, true))
        .isInstanceOfSatisfying(CertPathValidatorException.class,
            e -> assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
    assertThat(jdkRevocationCheck(SamplePki.sealAlias(TestPkis.PROVINCE), true)).isNull();
  }

  // ---- CRL and CA certificates ----

  @Test
  void crlsAreSignedByTheirCaAndListTheRevokedCertificateWithItsReason() throws Exception {
    X509CRL crl = crl(SamplePki.GOV_CA);
    crl.verify(pki.certificate(SamplePki.GOV_CA).getPublicKey());
    X509CRLEntry entry = crl.getRevokedCertificate(pki.certificate(SamplePki.BAD_REVOKED));
    assertThat(entry).isNotNull();
    assertThat(entry.getRevocationReason()).isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
    assertThat(crl.getNextUpdate()).isAfter(crl.getThisUpdate());
    assertThat(crl.getExtensionValue(Extension.cRLNumber.getId())).isNotNull();
    X509CRL rootCrl = crl(SamplePki.GOV_ROOT);
    rootCrl.verify(pki.certificate(SamplePki.GOV_ROOT).getPublicKey());
    assertThat(rootCrl.getRevokedCertificates()).isNull();
  }

  @Test
  void caCertificatesAreServedAndUnknownPathsAre404() throws Exception {
    HttpResponse<byte[]> ok = get(pki.urls().caCertificate(SamplePki.GOV_CA));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo(pki.certificate(SamplePki.GOV_CA).getEncoded());
    assertThat(get(pki.urls().caCertificate("nobody")).statusCode()).isEqualTo(404);
    assertThat(get(pki.urls().crl("../etc/passwd")).statusCode()).isEqualTo(404);
    assertThat(get(URI.create(pki.urls().base() + "/crl/gov-ca")).statusCode()).isEqualTo(404);
  }

  // ---- TSA ----

  @Test
  void theTsaGrantsASignedTokenOverTheImprintWithNonceAndPolicy() throws Exception {
    byte[] imprint = MessageDigest.getInstance("SHA-256").digest("văn bản".getBytes());
    TimeStampRequestGenerator g = new TimeStampRequestGenerator();
    g.setCertReq(true);
    BigInteger nonce = BigInteger.valueOf(424242);
    TimeStampRequest request = g.generate(NISTObjectIdentifiers.id_sha256, imprint, nonce);
    TimeStampResponse response = new TimeStampResponse(postTsa(request.getEncoded()));
    response.validate(request);
    assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
    TimeStampToken token = response.getTimeStampToken();
    token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(pki.certificate(SamplePki.TSA)));
    assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(imprint);
    assertThat(token.getTimeStampInfo().getNonce()).isEqualTo(nonce);
    assertThat(token.getTimeStampInfo().getPolicy().getId()).isEqualTo(SamplePki.TSA_POLICY_OID);
    assertThat(token.getCertificates().getMatches(null)).hasSize(3);
    assertThat(token.getSignedAttributes().get(
        org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signingCertificateV2)).isNotNull();
  }

  @Test
  void theTsaRefusesSha1ImprintsAndGarbage() throws Exception {
    TimeStampRequest sha1 = new TimeStampRequestGenerator()
        .generate(OIWObjectIdentifiers.idSHA1, new byte[20]);
    TimeStampResponse refused = new TimeStampResponse(postTsa(sha1.getEncoded()));
    assertThat(refused.getStatus()).isEqualTo(PKIStatus.REJECTION);
    assertThat(refused.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badAlg);

    TimeStampResponse garbage = new TimeStampResponse(postTsa("not a request".getBytes()));
    assertThat(garbage.getStatus()).isEqualTo(PKIStatus.REJECTION);
    assertThat(garbage.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);
    assertThat(garbage.getTimeStampToken()).isNull();

    TimeStampRequest wrongLength = new TimeStampRequestGenerator()
        .generate(NISTObjectIdentifiers.id_sha256, new byte[5]);
    assertThat(new TimeStampResponse(postTsa(wrongLength.getEncoded())).getStatus())
        .isEqualTo(PKIStatus.REJECTION);
  }

  @Test
  void wrongMethodsAndOversizedRequestsGetHttpErrors() throws Exception {
    assertThat(get(pki.urls().tsa()).statusCode()).isEqualTo(405);
    HttpResponse<byte[]> big = HTTP.send(HttpRequest.newBuilder(pki.urls().tsa())
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[SampleCaServer.MAX_REQUEST_BYTES + 1]))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(big.statusCode()).isEqualTo(413);
  }

  @Test
  void aDownTsaAnswers503AndCountsTheRequest() throws Exception {
    long before = server.requestCount(Service.TSA);
    server.setDown(Service.TSA, true);
    try {
      byte[] req = new TimeStampRequestGenerator().generate(NISTObjectIdentifiers.id_sha256,
          new byte[32]).getEncoded();
      HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(pki.urls().tsa())
          .POST(HttpRequest.BodyPublishers.ofByteArray(req)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(503);
    } finally {
      server.setDown(Service.TSA, false);
    }
    assertThat(server.requestCount(Service.TSA)).isGreaterThan(before);
  }

  // ---- helpers ----

  private static Exception jdkRevocationCheck(String alias, boolean crl) throws Exception {
    List<X509Certificate> chain = pki.credential(alias).chain();
    var path = CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, 1));
    Set<TrustAnchor> anchors = Set.of(new TrustAnchor(pki.certificate(SamplePki.GOV_CA), null));
    PKIXParameters params = new PKIXParameters(anchors);
    CertPathValidator validator = CertPathValidator.getInstance("PKIX");
    PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
    if (crl) {
      checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
          PKIXRevocationChecker.Option.NO_FALLBACK));
      params.addCertStore(CertStore.getInstance("Collection",
          new CollectionCertStoreParameters(List.of(crl(SamplePki.GOV_CA)))));
    } else {
      checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.NO_FALLBACK));
      checker.setOcspResponder(pki.urls().ocsp());
    }
    params.addCertPathChecker(checker);
    try {
      validator.validate(path, params);
      return null;
    } catch (CertPathValidatorException e) {
      return e;
    }
  }

  private static void assertSignedByDelegatedResponder(BasicOCSPResp basic) throws Exception {
    X509CertificateHolder responder = basic.getCerts()[0];
    X509Certificate responderCert = new JcaX509CertificateConverter().getCertificate(responder);
    assertThat(responderCert).isEqualTo(pki.certificate(SamplePki.OCSP_GOV_CA));
    assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder))).isTrue();
    responderCert.verify(pki.certificate(SamplePki.GOV_CA).getPublicKey());
  }

  private static byte[] ocspRequest(String organId, byte[] nonce) throws Exception {
    return ocspRequest(pki.seal(organId).certificate(), SamplePki.GOV_CA, nonce);
  }

  private static byte[] ocspRequest(X509Certificate cert, String issuerAlias, byte[] nonce)
      throws Exception {
    var id = new JcaCertificateID(digests.get(CertificateID.HASH_SHA1),
        pki.certificate(issuerAlias), cert.getSerialNumber());
    OCSPReqBuilder b = new OCSPReqBuilder().addRequest(id);
    if (nonce != null) {
      b.setRequestExtensions(new org.bouncycastle.asn1.x509.Extensions(new Extension(
          OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(new DEROctetString(nonce)))));
    }
    OCSPReq req = b.build();
    return req.getEncoded();
  }

  private static BasicOCSPResp basic(byte[] response) throws Exception {
    OCSPResp resp = new OCSPResp(response);
    assertThat(resp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
    return (BasicOCSPResp) resp.getResponseObject();
  }

  private static byte[] post(byte[] body) throws Exception {
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(pki.urls().ocsp())
        .header("Content-Type", "application/ocsp-request")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private static byte[] postTsa(byte[] body) throws Exception {
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(pki.urls().tsa())
        .header("Content-Type", "application/timestamp-query")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/timestamp-reply");
    return r.body();
  }

  private static X509CRL crl(String caAlias) throws Exception {
    HttpResponse<byte[]> r = get(pki.urls().crl(caAlias));
    assertThat(r.statusCode()).isEqualTo(200);
    return (X509CRL) CertificateFactory.getInstance("X.509")
        .generateCRL(new ByteArrayInputStream(r.body()));
  }

  private static HttpResponse<byte[]> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static X509CertificateHolder holder(X509Certificate cert) throws Exception {
    return new X509CertificateHolder(cert.getEncoded());
  }

}
