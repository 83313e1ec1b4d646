package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.server.evidence.EvidenceSetup;
import vn.lienthong.server.support.TestPki;

/** The evidence settings: auditors, the seal key store, the TSA, and the demo's defaults. */
class EvidenceSettingsTest {

  @TempDir Path dir;

  @Test
  void theSealComesFromTheKeyStoreWithItsTsaAndTheAuditors() throws Exception {
    Credential seal = TestPki.PKI.credential(SamplePki.HUB_SEAL);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("seal", seal.privateKey(), "pw".toCharArray(), seal.chain().toArray(new X509Certificate[0]));
    Path p12 = dir.resolve("seal.p12");
    try (OutputStream out = Files.newOutputStream(p12)) {
      ks.store(out, "pw".toCharArray());
    }
    Settings s = Settings.read(new String[] {"--demo=false", "--evidence.seal.keystore=" + p12,
        "--evidence.seal.password=pw", "--evidence.tsa=http://tsa.example/tsa",
        "--auditors=000.00.01.H49, 000.00.03.H49"}, Map.of());
    EvidenceSetup setup = Main.evidenceSetup(s, null);
    assertThat(setup.chain().get(0)).isEqualTo(seal.certificate());
    assertThat(setup.tsa()).hasToString("http://tsa.example/tsa");
    assertThat(s.config().auditors()).containsExactlyInAnyOrder(OrganId.of("000.00.01.H49"), OrganId.of("000.00.03.H49"));

    Settings noTsa = Settings.read(new String[] {"--demo=false", "--evidence.seal.keystore=" + p12}, Map.of());
    assertThatThrownBy(() -> Main.evidenceSetup(noTsa, null)).hasMessageContaining("evidence.tsa");
    // without a seal and without demo: no evidence (the hub warns at start)
    assertThat(Main.evidenceSetup(Settings.read(new String[] {"--demo=false"}, Map.of()), null)).isNull();
  }

  @Test
  void demoModeTimeStampsAtTheSampleTsa() throws Exception {
    Settings demo = Settings.read(new String[0], Map.of("LIENTHONG_HUB_AUDITORS", "000.00.01.H49"));
    assertThat(demo.evidenceTsa()).isNotNull();
    assertThat(demo.evidenceTsa().toString()).contains("127.0.0.1");
    assertThat(demo.auditors()).containsExactly(OrganId.of("000.00.01.H49"));
    assertThat(Settings.read(new String[] {"--demo=false"}, Map.of()).evidenceTsa()).isNull();
  }
}
