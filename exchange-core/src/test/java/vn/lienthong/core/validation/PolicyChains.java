package vn.lienthong.core.validation;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CertPolicyId;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.PolicyMappings;
import vn.lienthong.core.validation.MiniPki.Entity;
import vn.lienthong.core.validation.MiniPki.Spec;

/**
 * Certificate paths with policy extensions (RFC 5280 4.2.1.4-4.2.1.14), minted with BouncyCastle
 * under a plain root: the policy tests and the BouncyCastle oracle judge the same paths.
 */
final class PolicyChains {

  static final String P1 = "1.2.704.99.1";
  static final String P2 = "1.2.704.99.2";
  static final String P3 = "1.2.704.99.3";
  static final String ANY = "2.5.29.32.0";

  /** A path, target first, anchor last. */
  record Chain(String name, List<X509Certificate> certificates) {
    ChainBuilder.Path path() {
      return new ChainBuilder.Path(certificates, true);
    }

    X509Certificate anchor() {
      return certificates.get(certificates.size() - 1);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Extensions added to a certificate's {@link Spec}. */
  interface Ext {
    void addTo(Spec spec) throws Exception;
  }

  private static final KeyPair[] KEYS = new KeyPair[6];

  private PolicyChains() {}

  /** Reused keys (policies do not depend on them, and EC keys cost time in loops). */
  static synchronized KeyPair key(int depth) throws Exception {
    if (KEYS[depth] == null) {
      KEYS[depth] = MiniPki.keys();
    }
    return KEYS[depth];
  }

  static Ext policies(String... oids) {
    return s -> s.ext(Extension.certificatePolicies, false, new CertificatePolicies(
        Arrays.stream(oids).map(o -> new PolicyInformation(new ASN1ObjectIdentifier(o)))
            .toArray(PolicyInformation[]::new)));
  }

  static Ext requireExplicit(int skipCerts) {
    return s -> s.ext(Extension.policyConstraints, true,
        new PolicyConstraints(BigInteger.valueOf(skipCerts), null));
  }

  static Ext inhibitMapping(int skipCerts) {
    return s -> s.ext(Extension.policyConstraints, true,
        new PolicyConstraints(null, BigInteger.valueOf(skipCerts)));
  }

  static Ext constraints(int requireExplicit, int inhibitMapping) {
    return s -> s.ext(Extension.policyConstraints, true, new PolicyConstraints(
        BigInteger.valueOf(requireExplicit), BigInteger.valueOf(inhibitMapping)));
  }

  static Ext inhibitAny(int skipCerts) {
    return s -> s.ext(Extension.inhibitAnyPolicy, true, new ASN1Integer(skipCerts));
  }

  /** policyMappings, critical, from pairs issuerDomainPolicy, subjectDomainPolicy, ... */
  static Ext mappings(String... pairs) {
    CertPolicyId[] issuer = new CertPolicyId[pairs.length / 2];
    CertPolicyId[] subject = new CertPolicyId[pairs.length / 2];
    for (int i = 0; i < issuer.length; i++) {
      issuer[i] = CertPolicyId.getInstance(new ASN1ObjectIdentifier(pairs[2 * i]));
      subject[i] = CertPolicyId.getInstance(new ASN1ObjectIdentifier(pairs[2 * i + 1]));
    }
    return s -> s.ext(Extension.policyMappings, true, new PolicyMappings(issuer, subject));
  }

  /** The extensions of one certificate. */
  static List<Ext> cert(Ext... exts) {
    return List.of(exts);
  }

  /**
   * Mints root, CAs, then the signer: {@code topDown} lists each certificate's extensions, the
   * CAs first (the one under the root first) and the signer last. A CA listed as
   * {@link #SELF_ISSUED} repeats its issuer's subject.
   */
  @SafeVarargs
  static Chain chain(String name, List<Ext>... topDown) throws Exception {
    return underRoot(name, List.of(), topDown);
  }

  /** {@link #chain} under a root carrying {@code rootExts} too. */
  @SafeVarargs
  static Chain underRoot(String name, List<Ext> rootExts, List<Ext>... topDown) throws Exception {
    KeyPair rootKey = MiniPki.keys();
    Spec rootSpec = new Spec("CN=Policy Root,C=VN").ca();
    for (Ext e : rootExts) {
      e.addTo(rootSpec);
    }
    Entity root = MiniPki.issue(new Entity(null, rootKey.getPrivate(),
        new X500Name(rootSpec.subject)), rootSpec, rootKey);
    List<X509Certificate> down = new ArrayList<>(List.of(root.cert()));
    Entity issuer = root;
    for (int i = 0; i < topDown.length; i++) {
      boolean leaf = i == topDown.length - 1;
      boolean selfIssued = topDown[i].contains(SELF_ISSUED);
      String subject = leaf ? "CN=Policy Signer,C=VN"
          : selfIssued ? issuer.name().toString() : "CN=Policy CA " + (i + 1) + ",C=VN";
      Spec spec = new Spec(subject);
      if (leaf) {
        spec.signer();
      } else {
        spec.ca();
      }
      for (Ext e : topDown[i]) {
        e.addTo(spec);
      }
      issuer = MiniPki.issue(issuer, spec, key(i));
      down.add(issuer.cert());
    }
    List<X509Certificate> targetFirst = new ArrayList<>(down);
    java.util.Collections.reverse(targetFirst);
    return new Chain(name, targetFirst);
  }

  /** Marks a CA certificate as self-issued (same subject as its issuer). */
  static final Ext SELF_ISSUED = s -> { };
}
