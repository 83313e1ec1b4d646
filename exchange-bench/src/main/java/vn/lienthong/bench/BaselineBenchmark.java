package vn.lienthong.bench;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The floor under all our work, measured in the same run as the other benchmarks so that their
 * figures can be read as ratios: SHA-256 over 1 MiB buffers (the JDK's provider, as every digest
 * of a file in exchange-core), and SHA256withRSA (RSA-2048, PKCS#1 v1.5) and SHA256withECDSA
 * (P-256) signatures over 32 bytes, signed and verified. Both providers are measured, and
 * BouncyCastle also with keys of its own: exchange-core signs and verifies on BouncyCastle
 * ({@code CryptoProviders}), with in-memory private keys and certificates' public keys converted
 * once ({@code CryptoProviders.softwareKey}, {@code VerificationKeys}); handed a JDK key,
 * BouncyCastle converts it on every call and an EC key never gets its precomputed tables.
 * Throughput: operations per second; for {@code sha256} one operation is one MiB.
 */
@Fork(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BaselineBenchmark {

  /** A 1 MiB buffer of pseudo-random bytes. */
  @State(Scope.Thread)
  public static class Buffer {
    final byte[] data = new byte[1024 * 1024];
    MessageDigest sha256;

    @Setup(Level.Trial)
    public void fill() throws GeneralSecurityException {
      new SecureRandom().nextBytes(data);
      sha256 = MessageDigest.getInstance("SHA-256");
    }
  }

  /** Which key and which provider signs and verifies. */
  public enum Algorithm {
    RSA_2048("RSA", "SHA256withRSA"),
    EC_P256("EC", "SHA256withECDSA");

    final String keyType;
    final String signature;

    Algorithm(String keyType, String signature) {
      this.keyType = keyType;
      this.signature = signature;
    }
  }

  /** Where the signature algorithm comes from. */
  public enum Source {
    /** SunRsaSign / SunEC: what exchange-core verifies with. */
    JDK,
    /** BouncyCastle 1.87 handed the JDK's keys (converted on every call). */
    BC,
    /** BouncyCastle 1.87 with its own keys, converted once: what exchange-core signs and verifies with. */
    BC_KEYS
  }

  /** A key pair and a signature over 32 bytes made with it. */
  @State(Scope.Thread)
  public static class Keys {
    @Param({"RSA_2048", "EC_P256"})
    public Algorithm algorithm;

    @Param({"JDK", "BC", "BC_KEYS"})
    public Source provider;

    final byte[] message = new byte[32];
    KeyPair pair;
    Signature signer;
    Signature verifier;
    byte[] signature;

    @Setup(Level.Trial)
    public void generate() throws GeneralSecurityException {
      SecureRandom random = new SecureRandom();
      random.nextBytes(message);
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyType);
      if (algorithm == Algorithm.RSA_2048) {
        generator.initialize(2048, random);
      } else {
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      }
      pair = generator.generateKeyPair();
      Provider bc = new BouncyCastleProvider();
      if (provider == Source.BC_KEYS) {
        KeyFactory keys = KeyFactory.getInstance(algorithm.keyType, bc);
        pair = new KeyPair(keys.generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded())),
            keys.generatePrivate(new PKCS8EncodedKeySpec(pair.getPrivate().getEncoded())));
      }
      signer = provider == Source.JDK ? Signature.getInstance(algorithm.signature)
          : Signature.getInstance(algorithm.signature, bc);
      verifier = provider == Source.JDK ? Signature.getInstance(algorithm.signature)
          : Signature.getInstance(algorithm.signature, bc);
      signer.initSign(pair.getPrivate(), random);
      signer.update(message);
      signature = signer.sign();
      verifier.initVerify(pair.getPublic());
      verifier.update(message);
      if (!verifier.verify(signature)) {
        throw new IllegalStateException("the baseline signature does not verify");
      }
    }
  }

  /** SHA-256 of 1 MiB (one operation per MiB: ops/s is MiB/s). */
  @Benchmark
  public byte[] sha256(Buffer buffer) {
    buffer.sha256.update(buffer.data);
    return buffer.sha256.digest();
  }

  /** One signature over 32 bytes (the signed attributes of a CMS are a few hundred). */
  @Benchmark
  public byte[] sign(Keys keys) throws GeneralSecurityException {
    keys.signer.initSign(keys.pair.getPrivate());
    keys.signer.update(keys.message);
    return keys.signer.sign();
  }

  /** One verification of that signature. */
  @Benchmark
  public boolean verify(Keys keys) throws GeneralSecurityException {
    keys.verifier.initVerify(keys.pair.getPublic());
    keys.verifier.update(keys.message);
    return keys.verifier.verify(keys.signature);
  }
}
