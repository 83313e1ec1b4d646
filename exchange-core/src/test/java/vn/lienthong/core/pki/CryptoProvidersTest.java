package vn.lienthong.core.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

/** In-memory keys become BouncyCastle's own (and still sign for their public key); token keys stay as they are. */
class CryptoProvidersTest {

  private static final byte[] DATA = "công văn".getBytes(StandardCharsets.UTF_8);

  @Test
  void aJdkKeyBecomesBouncyCastlesAndSignsForTheSamePublicKey() throws Exception {
    for (String algorithm : new String[] {"EC", "RSA"}) {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (algorithm.equals("EC")) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      }
      KeyPair pair = generator.generateKeyPair();
      PrivateKey converted = CryptoProviders.softwareKey(pair.getPrivate()).orElseThrow();
      assertThat(converted.getClass().getName()).startsWith("org.bouncycastle.");

      String method = algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      Signature signer = Signature.getInstance(method, CryptoProviders.bouncyCastle());
      signer.initSign(converted);
      signer.update(DATA);
      Signature verifier = Signature.getInstance(method); // the JDK's, with the JDK's public key
      verifier.initVerify(pair.getPublic());
      verifier.update(DATA);
      assertThat(verifier.verify(signer.sign())).as(algorithm).isTrue();
    }
  }

  @Test
  void aKeyWithoutEncodedMaterialIsLeftToItsToken() {
    PrivateKey onToken = new PrivateKey() {
      @Override
      public String getAlgorithm() {
        return "EC";
      }

      @Override
      public String getFormat() {
        return null;
      }

      @Override
      public byte[] getEncoded() {
        return null;
      }
    };
    assertThat(CryptoProviders.softwareKey(onToken)).isEmpty();
  }
}
