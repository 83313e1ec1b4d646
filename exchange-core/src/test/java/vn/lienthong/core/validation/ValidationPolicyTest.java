package vn.lienthong.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValidationPolicyTest {

  @Test
  void aPolicyFileSetsLevelsAndConstraints() {
    ValidationPolicy p = load("""
        name=Hub intake
        check.LEGACY_ALGORITHM=WARN
        check.TIMESTAMP_PRESENT=IGNORE
        revocation.maxAge=PT12H
        clock.skew=PT2M
        algorithm.digest.SHA-1=never
        algorithm.rsa.minBits=3072
        """);
    assertThat(p.name()).isEqualTo("Hub intake");
    assertThat(p.level(CheckId.LEGACY_ALGORITHM)).isEqualTo(Level.WARN);
    assertThat(p.level(CheckId.TIMESTAMP_PRESENT)).isEqualTo(Level.IGNORE);
    assertThat(p.level(CheckId.MESSAGE_DIGEST_MATCHES)).isEqualTo(Level.FAIL);
    assertThat(p.maxRevocationAge()).isEqualTo(Duration.ofHours(12));
    assertThat(p.clockSkew()).isEqualTo(Duration.ofMinutes(2));
    assertThat(p.algorithms().acceptsDigest("SHA-1", Instant.parse("2010-01-01T00:00:00Z"))).isFalse();
    assertThat(p.algorithms().minRsaBits()).isEqualTo(3072);
  }

  @Test
  void nonsenseInAPolicyFileIsRefusedNamingTheEntry() {
    assertThatIllegalArgumentException().isThrownBy(() -> load("check.NO_SUCH_CHECK=FAIL"))
        .withMessageContaining("check.NO_SUCH_CHECK");
    assertThatIllegalArgumentException().isThrownBy(() -> load("check.SINGLE_SIGNER=MAYBE"))
        .withMessageContaining("MAYBE");
    assertThatIllegalArgumentException().isThrownBy(() -> load("revocation.maxAge=-PT1H"))
        .withMessageContaining("revocation.maxAge");
    assertThatIllegalArgumentException().isThrownBy(() -> load("colour=red"))
        .withMessageContaining("colour");
  }

  @Test
  void theBasicPolicyIgnoresDecree30Rules() {
    assertThat(ValidationPolicy.basic().level(CheckId.DECREE30_ORGANIZATION_SEAL))
        .isEqualTo(Level.IGNORE);
    assertThat(ValidationPolicy.decree30().level(CheckId.DECREE30_ORGANIZATION_SEAL))
        .isEqualTo(Level.FAIL);
  }

  @Test
  void sha1IsAcceptableOnlyWithProofItExistedBeforeItsWithdrawal() {
    AlgorithmPolicy a = AlgorithmPolicy.DEFAULT;
    assertThat(a.acceptsDigest("SHA-1", Instant.parse("2017-06-01T00:00:00Z"))).isTrue();
    assertThat(a.acceptsDigest("SHA1", Instant.parse("2026-06-01T00:00:00Z"))).isFalse();
    assertThat(a.acceptsDigest("sha256", Instant.parse("2026-06-01T00:00:00Z"))).isTrue();
    assertThat(a.acceptsDigest("SHA3-256", Instant.parse("2026-06-01T00:00:00Z"))).isTrue();
    assertThat(a.acceptsDigest("MD5", Instant.parse("2000-06-01T00:00:00Z"))).isFalse();
    assertThat(a.isCurrentDigest("SHA-1")).isFalse();
    assertThat(a.isCurrentDigest("SHA-512")).isTrue();
  }

  @Test
  void keysMustBeAtLeastRsa2048OrEc256() throws Exception {
    AlgorithmPolicy a = AlgorithmPolicy.DEFAULT;
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    var weak = rsa.generateKeyPair().getPublic();
    assertThat(a.acceptsKey(weak, now)).isFalse();
    assertThat(a.acceptsKey(weak, Instant.parse("2012-01-01T00:00:00Z"))).isTrue();
    rsa.initialize(2048);
    assertThat(a.acceptsKey(rsa.generateKeyPair().getPublic(), now)).isTrue();
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    var p256 = ec.generateKeyPair().getPublic();
    assertThat(a.acceptsKey(p256, now)).isTrue();
    assertThat(AlgorithmPolicy.keyBits(p256)).isEqualTo(256);
  }

  private static ValidationPolicy load(String text) {
    return ValidationPolicy.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }
}
