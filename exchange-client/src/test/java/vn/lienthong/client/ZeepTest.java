package vn.lienthong.client;

import vn.lienthong.sample.interop.ExternalTool;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.HOME_AFFAIRS;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.sample.pki.Credential;

/**
 * A client we did not write: Python's zeep (Debian's python3-zeep, run by /usr/bin/python3, not a
 * pyenv python) loads the hub's WSDL over mutual TLS and calls GetUnits, GetPendingMessages and
 * SearchMessages, each signed with WS-Security ({@code BinarySignature}, RSA- or ECDSA-SHA256 as the unit's key,
 * SHA-256 digests, over the Body and a {@code wsu:Timestamp} the script adds; Debian's
 * python3-xmlsec).
 * Skipped with the reason where zeep is missing; under CI=true (.ci/run installs it) that fails.
 */
class ZeepTest {

  static final Path PYTHON = Path.of("/usr/bin/python3");

  static final String SCRIPT = String.join("\n",
      "import sys, json, datetime, requests, xmlsec",
      "from zeep import Client",
      "from zeep.transports import Transport",
      "from zeep.wsse.compose import Compose",
      "from zeep.wsse.signature import BinarySignature",
      "from zeep.wsse.utils import WSU, get_security_header, get_timestamp",
      "wsdl, cert, key, ca, leaf, algorithm = sys.argv[1:7]",
      "class Timestamp:",
      "    # zeep has no Timestamp token of its own; BinarySignature signs a wsu:Timestamp it finds in the header",
      "    def apply(self, envelope, headers):",
      "        now = datetime.datetime.now(datetime.timezone.utc)",
      "        get_security_header(envelope).append(WSU.Timestamp(",
      "            WSU.Created(get_timestamp(now, zulu_timestamp=True)),",
      "            WSU.Expires(get_timestamp(now + datetime.timedelta(minutes=5), zulu_timestamp=True))))",
      "        return envelope, headers",
      "    def verify(self, envelope):",
      "        return envelope",
      "class RequestSignature(BinarySignature):",
      "    # the hub signs no responses (TLS authenticates it): verify nothing on the way back",
      "    def verify(self, envelope):",
      "        return envelope",
      "s = requests.Session()",
      "s.trust_env = False  # else REQUESTS_CA_BUNDLE and proxies from the environment override verify",
      "s.cert = (cert, key)",
      "s.verify = ca",
      "method = xmlsec.Transform.ECDSA_SHA256 if algorithm == 'EC' else xmlsec.Transform.RSA_SHA256",
      "signature = RequestSignature(key, leaf, signature_method=method,",
      "    digest_method=xmlsec.Transform.SHA256)",
      "# Compose, not a plain list: zeep 4 applies a list on the way out but calls .verify on it on the way back",
      "c = Client(wsdl, transport=Transport(session=s), wsse=Compose([Timestamp(), signature]))",
      "units = c.service.GetUnits(SinceVersion=0)",
      "pending = c.service.GetPendingMessages(Max=10)",
      "found = c.service.SearchMessages(Direction='RECEIVED', Text='ZEEP', Max=5)",
      "print(json.dumps({'version': units.Version, 'units': len(units.Unit),",
      "    'names': [u.Data.Name for u in units.Unit if u.Data.OrganId == '" + HOME_AFFAIRS + "'],",
      "    'pending': [m.DocumentId for m in pending.Message], 'more': pending.More,",
      "    'found': [' '.join([h.DocumentId, h.Direction, h.Delivery, h.From]) for h in found.Hit]},",
      "    ensure_ascii=False))",
      "");

  @TempDir
  Path dir;

  static void requireZeep() throws Exception {
    boolean found = Files.isExecutable(PYTHON)
        && new ProcessBuilder(PYTHON.toString(), "-c", "import zeep, xmlsec").start().waitFor() == 0;
    ExternalTool.requireAvailable(found, "python3-zeep or python3-xmlsec is not installed for /usr/bin/python3: "
        + "apt-get install python3-zeep python3-xmlsec (.ci/run installs them)");
  }

  @Test
  void zeepLoadsTheWsdlAndCallsGetUnitsGetPendingMessagesAndSearchMessages() throws Exception {
    requireZeep();
    try (TestHub hub = TestHub.start(dir); ExchangeClient province = hub.client(PROVINCE)) {
      province.send(DocumentBuilder.from(PROVINCE, "Ủy ban nhân dân tỉnh Quảng Ninh", Clock.systemUTC())
          .to(HOME_AFFAIRS, "Sở Nội vụ").documentId("ZEEP-1").subject("V/v thử với zeep")
          .write(TestHub.signer(PROVINCE), dir.resolve("zeep.edxml")));

      Credential unit = TestHub.PKI.system(HOME_AFFAIRS);
      // the leaf and its intermediates: the hub knows only the roots
      Path cert = TestHub.pem(unit.chain(), dir.resolve("cert.pem"));
      Path key = pem(dir.resolve("key.pem"), "PRIVATE KEY", unit.privateKey().getEncoded());
      Path ca = TestHub.pem(TestHub.PKI.trustAnchors(), dir.resolve("ca.pem"));
      Path leaf = TestHub.pem(java.util.List.of(unit.certificate()), dir.resolve("leaf.pem"));
      Path script = Files.writeString(dir.resolve("zeep_client.py"), SCRIPT);

      ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), script.toString(), hub.address() + "?wsdl", cert.toString(),
          key.toString(), ca.toString(), leaf.toString(), unit.privateKey().getAlgorithm()).redirectErrorStream(true);
      pb.environment().keySet().removeIf(k -> k.endsWith("CA_BUNDLE") || k.toLowerCase().endsWith("_proxy"));
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).contains("\"pending\": [\"ZEEP-1\"]").contains("\"names\": [\"Sở Nội vụ")
          .contains("\"found\": [\"ZEEP-1 RECEIVED LEASED " + PROVINCE + "\"]")
          .containsPattern("\"units\": 9[0-9]{2}");
    }
  }

  static Path pem(Path file, String type, byte[] der) throws Exception {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
  }

}
