package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;

/** What the client builds before it talks to a hub: its identity, and a document's date. */
class OfflineBuildingTest {

  @Test
  void aKeyStoreWithSeveralKeysIsRefusedNamingThemAndOneKeyIsTaken() throws Exception {
    Map<String, Credential> entries = new LinkedHashMap<>();
    entries.put("a-chairman", TestHub.PKI.credential(DemoSet.CHAIRMAN));
    entries.put("b-seal", TestHub.PKI.seal(DemoSet.PROVINCE));
    entries.put("z-system", TestHub.PKI.system(DemoSet.PROVINCE));
    KeyStore token = keyStore(entries);
    // TLS and WS-Security would each pick a key, perhaps not the same: every call would then fail
    assertThatThrownBy(() -> ExchangeClient.builder().identity(token, TestHub.PASSWORD))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 keys")
        .hasMessageContaining("z-system").hasMessageContaining("alias");
    assertThatThrownBy(() -> ExchangeClient.builder().identity(keyStore(Map.of()), TestHub.PASSWORD))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no key entry");
    ExchangeClient.builder().identity(keyStore(Map.of("system", TestHub.PKI.system(DemoSet.PROVINCE))),
        TestHub.PASSWORD);
  }

  @Test
  void aDocumentWrittenAfterMidnightInVietnamIsDatedThatDay() {
    Clock utc = Clock.fixed(Instant.parse("2026-11-26T18:30:00Z"), ZoneOffset.UTC);   // 01:30 on the 27th there
    LocalDate promulgated = DocumentBuilder.from(DemoSet.PROVINCE, "UBND tỉnh", utc).to(DemoSet.HOME_AFFAIRS,
        "Sở Nội vụ").documentId("D-1").message().header().promulgation().date();
    assertThat(promulgated).isEqualTo(LocalDate.of(2026, 11, 27));
  }

  static KeyStore keyStore(Map<String, Credential> entries) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    for (var e : entries.entrySet()) {
      ks.setKeyEntry(e.getKey(), e.getValue().privateKey(), TestHub.PASSWORD,
          e.getValue().chain().toArray(new X509Certificate[0]));
    }
    return ks;
  }
}
