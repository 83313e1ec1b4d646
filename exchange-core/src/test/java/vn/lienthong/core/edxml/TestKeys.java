package vn.lienthong.core.edxml;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Throwaway self-signed keys for signature tests (BouncyCastle; nothing from certs-sample). */
final class TestKeys {

  /** A key and its self-signed certificate. */
  record Signer(PrivateKey key, X509Certificate certificate) {
    EnvelopeSigner envelopeSigner() {
      return EnvelopeSigner.of(key, certificate);
    }
  }

  static final Signer RSA = create("RSA", 2048, "SHA256withRSA", "CN=Test RSA unit");
  static final Signer RSA_OTHER = create("RSA", 2048, "SHA256withRSA", "CN=Other RSA unit");
  static final Signer EC = create("EC", 256, "SHA256withECDSA", "CN=Test EC unit");

  private TestKeys() {}

  static Signer create(String algorithm, int size, String sigAlg, String dn) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      if (algorithm.equals("EC")) {
        g.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        g.initialize(size);
      }
      KeyPair kp = g.generateKeyPair();
      Instant now = Instant.parse("2026-01-01T00:00:00Z");
      var builder = new JcaX509v3CertificateBuilder(new X500Name(dn), BigInteger.valueOf(dn.hashCode() & 0xffffL),
          Date.from(now), Date.from(now.plus(3650, ChronoUnit.DAYS)), new X500Name(dn), kp.getPublic());
      var holder = builder.build(new JcaContentSignerBuilder(sigAlg).build(kp.getPrivate()));
      return new Signer(kp.getPrivate(), new JcaX509CertificateConverter().getCertificate(holder));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
