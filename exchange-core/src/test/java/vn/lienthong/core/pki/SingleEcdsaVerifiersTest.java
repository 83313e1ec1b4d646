package vn.lienthong.core.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * ECDSA content verifiers that verify once and answer as BouncyCastle's do: signed attributes,
 * a direct signature checked against a digest (the raw form), other keys, changed signatures,
 * and RSA left to BouncyCastle.
 */
class SingleEcdsaVerifiersTest {

  private static final Provider BC = CryptoProviders.bouncyCastle();
  private static final byte[] CONTENT = "công văn số 1".getBytes(StandardCharsets.UTF_8);

  @Test
  void theRawTwinIsNeverMadeForAnEcdsaSignatureOverData() throws Exception {
    KeyPair pair = keyPair("EC");
    byte[] signature = sign(pair, "SHA256withECDSA", CONTENT);
    AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    Counting counting = new Counting();

    ContentVerifier ours = new SingleEcdsaVerifiers(pair.getPublic(), counting, null).get(algorithm);
    assertThat(verify(ours, CONTENT, signature)).isTrue();
    assertThat(counting.raw).as("NONEwithECDSA made by ours").hasValue(0);

    ContentVerifier bouncyCastles = new JcaContentVerifierProviderBuilder().setProvider(counting)
        .build(pair.getPublic()).get(algorithm);
    assertThat(verify(bouncyCastles, CONTENT, signature)).isTrue();
    assertThat(counting.raw).as("BouncyCastle's makes the twin (and verifies with it too)").hasValue(1);
  }

  @Test
  void answersAsBouncyCastlesDoForGoodChangedAndOtherKeysSignatures() throws Exception {
    for (String curve : new String[] {"secp256r1", "secp384r1"}) {
      KeyPair pair = keyPair("EC", curve);
      String method = curve.equals("secp256r1") ? "SHA256withECDSA" : "SHA384withECDSA";
      SignerInformation signer = signerInfo(pair, method, false);
      PublicKey other = keyPair("EC", curve).getPublic();
      assertThat(signer.verify(CryptoProviders.signerInfoVerifier(pair.getPublic()))).as(curve).isTrue();
      assertThat(signer.verify(CryptoProviders.signerInfoVerifier(other))).as(curve + ", other key").isFalse();
      assertThat(signer.verify(bouncyCastles(other))).isFalse();

      byte[] sig = sign(pair, method, CONTENT);
      sig[sig.length - 3] ^= 1;   // inside s: still DER, no longer the signature
      AlgorithmIdentifier algorithm = new AlgorithmIdentifier(curve.equals("secp256r1")
          ? X9ObjectIdentifiers.ecdsa_with_SHA256 : X9ObjectIdentifiers.ecdsa_with_SHA384);
      assertThat(verify(CryptoProviders.contentVerifier(pair.getPublic()).get(algorithm), CONTENT, sig)).isFalse();
      assertThat(verify(bouncyCastles(pair.getPublic(), algorithm), CONTENT, sig)).isFalse();
    }
  }

  @Test
  void aDirectSignatureIsCheckedAgainstItsDigestInTheRawForm() throws Exception {
    KeyPair pair = keyPair("EC");
    SignerInformation direct = signerInfo(pair, "SHA256withECDSA", true);
    assertThat(direct.getSignedAttributes()).isNull();

    assertThat(direct.verify(CryptoProviders.signerInfoVerifier(pair.getPublic()))).isTrue();
    assertThat(direct.verify(CryptoProviders.signerInfoVerifier(keyPair("EC").getPublic()))).isFalse();
  }

  @Test
  void rsaIsBouncyCastlesVerifier() throws Exception {
    KeyPair pair = keyPair("RSA");
    SignerInformation signer = signerInfo(pair, "SHA256withRSA", false);
    assertThat(signer.verify(CryptoProviders.signerInfoVerifier(pair.getPublic()))).isTrue();
    assertThat(signer.verify(CryptoProviders.signerInfoVerifier(keyPair("RSA").getPublic()))).isFalse();
  }

  // ----- helpers -----

  /** A provider with BouncyCastle's two ECDSA verifiers that counts the raw ones it makes. */
  private static final class Counting extends Provider {
    private static final long serialVersionUID = 1L;
    final AtomicInteger raw = new AtomicInteger();

    Counting() {
      super("counting", "1", "BouncyCastle's ECDSA, counting NONEwithECDSA");
      String spi = "org.bouncycastle.jcajce.provider.asymmetric.ec.SignatureSpi$";
      putService(new Service(this, "Signature", "SHA256WITHECDSA", spi + "ecDSA256", null, null));
      putService(new Service(this, "Signature", "NONEWITHECDSA", spi + "ecDSAnone", null, null) {
        @Override
        public Object newInstance(Object parameter) throws java.security.NoSuchAlgorithmException {
          raw.incrementAndGet();
          return super.newInstance(parameter);
        }
      });
    }
  }

  private static boolean verify(ContentVerifier verifier, byte[] data, byte[] signature) {
    try {
      verifier.getOutputStream().write(data);
      return verifier.verify(signature);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ContentVerifier bouncyCastles(PublicKey key, AlgorithmIdentifier algorithm) throws Exception {
    return new JcaContentVerifierProviderBuilder().setProvider(BC).build(key).get(algorithm);
  }

  private static org.bouncycastle.cms.SignerInformationVerifier bouncyCastles(PublicKey key) throws Exception {
    return new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(key);
  }

  private static KeyPair keyPair(String algorithm) throws Exception {
    return keyPair(algorithm, "secp256r1");
  }

  private static KeyPair keyPair(String algorithm, String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm, BC);
    if (algorithm.equals("EC")) {
      g.initialize(new ECGenParameterSpec(curve));
    } else {
      g.initialize(2048);
    }
    return g.generateKeyPair();
  }

  private static byte[] sign(KeyPair pair, String method, byte[] data) throws Exception {
    java.security.Signature s = java.security.Signature.getInstance(method, BC);
    s.initSign(pair.getPrivate());
    s.update(data);
    return s.sign();
  }

  /**
   * A detached SignerInfo over {@link #CONTENT}, read back the way the verifier reads PDF
   * signatures: with the content's digest instead of the content.
   */
  private static SignerInformation signerInfo(KeyPair pair, String method, boolean direct) throws Exception {
    X500Name name = new X500Name("CN=Văn thư");
    X509CertificateHolder cert = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(),
        new Date(System.currentTimeMillis() + 86_400_000L), name, pair.getPublic())
        .build(new JcaContentSignerBuilder(method).setProvider(BC).build(pair.getPrivate()));
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
        new JcaDigestCalculatorProviderBuilder().setProvider(BC).build()).setDirectSignature(direct)
        .build(new JcaContentSignerBuilder(method).setProvider(BC).build(pair.getPrivate()), cert));
    CMSSignedData detached = generator.generate(new CMSProcessableByteArray(CONTENT), false);
    SignerInformation signer = detached.getSignerInfos().getSigners().iterator().next();
    String digest = signer.getDigestAlgOID().equals("2.16.840.1.101.3.4.2.2") ? "SHA-384" : "SHA-256";
    CMSSignedData withHash = new CMSSignedData(Map.of(signer.getDigestAlgorithmID().getAlgorithm(),
        MessageDigest.getInstance(digest).digest(CONTENT)), detached.toASN1Structure());
    return withHash.getSignerInfos().getSigners().iterator().next();
  }
}
