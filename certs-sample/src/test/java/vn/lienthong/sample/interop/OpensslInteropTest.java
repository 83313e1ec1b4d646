package vn.lienthong.sample.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.sample.interop.ExternalTool.Result;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.pki.TestPkis;
import vn.lienthong.sample.services.SampleCaServer;

/** The sample PKI and its services, checked by the openssl command line. */
class OpensslInteropTest {

  @TempDir static Path dir;
  private static SampleCaServer server;
  private static SamplePki pki;

  @BeforeAll
  static void start() throws Exception {
    server = SampleCaServer.bind(0, Clock.systemUTC());
    pki = TestPkis.small(server.urls(), Clock.systemUTC());
    server.start(pki);
    StringBuilder roots = new StringBuilder();
    pki.trustAnchors().forEach(r -> roots.append(SamplePki.pem(r)));
    Files.writeString(dir.resolve("roots.pem"), roots);
    for (var c : pki.credentials()) {
      Files.writeString(dir.resolve(c.alias() + ".pem"), SamplePki.pem(c.certificate()));
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void needsOpenssl() {
    ExternalTool.require("openssl", "openssl");
  }

  @Test
  void opensslVerifiesGoodChainsAndRefusesBadOnes() throws Exception {
    Result good = openssl("verify", "-CAfile", "roots.pem", "-untrusted", "gov-ca.pem",
        SamplePki.sealAlias(TestPkis.PROVINCE) + ".pem");
    assertThat(good.exitCode()).as(good.output()).isZero();
    assertThat(good.output()).contains(": OK");

    Result director = openssl("verify", "-CAfile", "roots.pem", "-untrusted", "public-ca.pem",
        "person-director.pem");
    assertThat(director.exitCode()).as(director.output()).isZero();

    Result untrusted = openssl("verify", "-CAfile", "roots.pem", "bad-untrusted.pem");
    assertThat(untrusted.exitCode()).isNotZero();
    assertThat(untrusted.output()).contains("unable to get local issuer certificate");

    Result expired = openssl("verify", "-CAfile", "roots.pem", "-untrusted", "gov-ca.pem",
        "bad-expired.pem");
    assertThat(expired.exitCode()).isNotZero();
    assertThat(expired.output()).contains("certificate has expired");
  }

  @Test
  void opensslOcspVerifiesTheResponseAndSeesGoodAndRevoked() throws Exception {
    Result r = openssl("ocsp", "-issuer", "gov-ca.pem",
        "-cert", SamplePki.sealAlias(TestPkis.PROVINCE) + ".pem", "-cert", "bad-revoked.pem",
        "-url", pki.urls().ocsp().toString(), "-CAfile", "roots.pem");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("Response verify OK")
        .contains(SamplePki.sealAlias(TestPkis.PROVINCE) + ".pem: good")
        .contains("bad-revoked.pem: revoked")
        .contains("Reason: keyCompromise")
        .doesNotContain("WARNING");
  }

  @Test
  void opensslVerifiesTimeStampTokensFromTheTsa() throws Exception {
    Files.writeString(dir.resolve("document.txt"), "Công văn số 123/UBND-VP\n");
    Files.writeString(dir.resolve("other.txt"), "Công văn số 124/UBND-VP\n");
    Result query = openssl("ts", "-query", "-data", "document.txt", "-sha256", "-cert",
        "-out", "request.tsq");
    assertThat(query.exitCode()).as(query.output()).isZero();
    HttpResponse<byte[]> reply = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(pki.urls().tsa())
            .header("Content-Type", "application/timestamp-query")
            .POST(HttpRequest.BodyPublishers.ofFile(dir.resolve("request.tsq"))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    Files.write(dir.resolve("reply.tsr"), reply.body());

    Result verify = openssl("ts", "-verify", "-data", "document.txt", "-in", "reply.tsr",
        "-CAfile", "roots.pem", "-untrusted", "gov-ca.pem");
    assertThat(verify.output()).contains("Verification: OK");
    Result withRequest = openssl("ts", "-verify", "-queryfile", "request.tsq", "-in", "reply.tsr",
        "-CAfile", "roots.pem", "-untrusted", "gov-ca.pem");
    assertThat(withRequest.output()).contains("Verification: OK");
    Result other = openssl("ts", "-verify", "-data", "other.txt", "-in", "reply.tsr",
        "-CAfile", "roots.pem", "-untrusted", "gov-ca.pem");
    assertThat(other.output()).doesNotContain("Verification: OK");
    Result text = openssl("ts", "-reply", "-in", "reply.tsr", "-text");
    assertThat(text.output()).contains("Status: Granted").contains(SamplePki.TSA_POLICY_OID);
  }

  @Test
  void opensslVerifiesTheCrlSignatureAndListsTheRevokedSerial() throws Exception {
    byte[] crl = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(pki.urls().crl(SamplePki.GOV_CA)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray()).body();
    Files.write(dir.resolve("gov-ca.crl"), crl);
    Files.writeString(dir.resolve("gov-chain.pem"),
        SamplePki.pem(pki.certificate(SamplePki.GOV_CA)) + SamplePki.pem(pki.certificate(SamplePki.GOV_ROOT)));
    Result r = openssl("crl", "-inform", "DER", "-in", "gov-ca.crl", "-CAfile", "gov-chain.pem",
        "-noout", "-text");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("verify OK").contains("Key Compromise")
        .containsIgnoringCase(pki.certificate(SamplePki.BAD_REVOKED).getSerialNumber().toString(16));
  }

  private static Result openssl(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "openssl";
    System.arraycopy(args, 0, command, 1, args.length);
    return ExternalTool.run(dir, command);
  }
}
