package vn.lienthong.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.core.validation.PolicyChains.ANY;
import static vn.lienthong.core.validation.PolicyChains.P1;
import static vn.lienthong.core.validation.PolicyChains.P2;
import static vn.lienthong.core.validation.PolicyChains.P3;

import java.math.BigInteger;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.pki.CryptoProviders;
import vn.lienthong.core.validation.PolicyChains.Chain;
import vn.lienthong.core.validation.PolicyChains.Ext;

/**
 * BouncyCastle's PKIX validator (revocation off, initial policy set anyPolicy, no initial
 * inhibitions) as an oracle: on every chain, {@link CertificateChecks#pathProblem} fails exactly
 * when BouncyCastle fails on a policy, and BouncyCastle fails on nothing else. The named chains of
 * {@link CertificatePoliciesTest}, then random combinations of policy extensions (fixed seed).
 */
class CertificatePoliciesOracleTest {

  private static final String[] POLICIES = {P1, P2, P3, ANY};

  /** BouncyCastle's failure on {@code chain}, empty when it validates. */
  static Optional<String> bouncyCastle(Chain chain) throws Exception {
    List<X509Certificate> certs = chain.certificates();
    var path = CertificateFactory.getInstance("X.509", CryptoProviders.bouncyCastle())
        .generateCertPath(certs.subList(0, certs.size() - 1));
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(chain.anchor(), null)));
    parameters.setRevocationEnabled(false);
    parameters.setDate(Date.from(MiniPki.NOW));
    try {
      CertPathValidator.getInstance("PKIX", CryptoProviders.bouncyCastle())
          .validate(path, parameters);
      return Optional.empty();
    } catch (CertPathValidatorException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  /** Each disagreement, as a line naming the chain and both verdicts. */
  private static List<String> disagreements(List<Chain> chains) throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Chain chain : chains) {
      Optional<String> theirs = bouncyCastle(chain);
      Optional<String> ours = CertificateChecks.pathProblem(chain.path());
      boolean theyRefuse = theirs.isPresent();
      if (theyRefuse && !theirs.get().toLowerCase().contains("polic")) {
        wrong.add(chain + ": BouncyCastle fails on something else: " + theirs.get());
      } else if (theyRefuse != ours.isPresent()) {
        wrong.add(chain + ": BouncyCastle " + theirs.orElse("passes") + ", ours "
            + ours.orElse("passes"));
      }
    }
    return wrong;
  }

  @Test
  void theNamedChainsAgreeWithBouncyCastle() throws Exception {
    List<Chain> chains = new ArrayList<>(CertificatePoliciesTest.accepted());
    chains.addAll(CertificatePoliciesTest.refused());
    assertThat(disagreements(chains)).isEmpty();
    for (Chain c : CertificatePoliciesTest.refused()) {
      assertThat(bouncyCastle(c)).as("BouncyCastle on %s", c).isPresent();
    }
  }

  @Test
  void randomPolicyChainsAgreeWithBouncyCastle() throws Exception {
    Random random = new Random(5280);
    List<Chain> chains = new ArrayList<>();
    for (int n = 0; n < 400; n++) {
      chains.add(randomChain("random #" + n, random));
    }
    int refused = 0;
    for (Chain c : chains) {
      refused += bouncyCastle(c).isPresent() ? 1 : 0;
    }
    assertThat(refused).as("refused by BouncyCastle of 400").isBetween(60, 340);
    assertThat(disagreements(chains)).isEmpty();
  }

  /** One to three CAs and a signer, each with random policy extensions. */
  private static Chain randomChain(String name, Random random) throws Exception {
    int cas = 1 + random.nextInt(3);
    List<List<Ext>> certs = new ArrayList<>();
    StringBuilder description = new StringBuilder(name);
    for (int i = 0; i <= cas; i++) {
      List<Ext> exts = new ArrayList<>();
      boolean leaf = i == cas;
      if (!leaf && i > 0 && random.nextInt(6) == 0) {
        exts.add(PolicyChains.SELF_ISSUED);
        description.append(" | self-issued");
      }
      description.append(i == 0 ? " : " : " / ");
      if (random.nextInt(5) > 0) {
        String[] chosen = pick(random, 1 + random.nextInt(2));
        exts.add(PolicyChains.policies(chosen));
        description.append("policies ").append(String.join(",", chosen));
      }
      BigInteger explicit = random.nextInt(leaf ? 6 : 3) == 0
          ? BigInteger.valueOf(random.nextInt(leaf ? 1 : 4)) : null;
      BigInteger mapping = !leaf && random.nextInt(4) == 0
          ? BigInteger.valueOf(random.nextInt(3)) : null;
      if (explicit != null || mapping != null) {
        exts.add(s -> s.ext(Extension.policyConstraints, true,
            new PolicyConstraints(explicit, mapping)));
        description.append(" requireExplicit ").append(explicit)
            .append(" inhibitMapping ").append(mapping);
      }
      if (!leaf && random.nextInt(4) == 0) {
        int skip = random.nextInt(3);
        exts.add(PolicyChains.inhibitAny(skip));
        description.append(" inhibitAny ").append(skip);
      }
      if (random.nextInt(leaf ? 10 : 3) == 0) {
        String[] pair = pair(random, random.nextInt(12) == 0 ? 4 : 3);
        exts.add(PolicyChains.mappings(pair));
        description.append(" map ").append(pair[0]).append("->").append(pair[1]);
      }
      certs.add(exts);
    }
    @SuppressWarnings("unchecked")
    List<Ext>[] topDown = certs.toArray(new List[0]);
    return PolicyChains.chain(description.toString(), topDown);
  }

  private static String[] pick(Random random, int count) {
    String[] chosen = new String[count];
    for (int i = 0; i < count; i++) {
      chosen[i] = POLICIES[random.nextInt(POLICIES.length)];
    }
    if (count == 2 && chosen[0].equals(chosen[1])) {
      return new String[] {chosen[0]};
    }
    return chosen;
  }

  /** A mapping among the first {@code among} of P1, P2, P3, anyPolicy. */
  private static String[] pair(Random random, int among) {
    return new String[] {POLICIES[random.nextInt(among)], POLICIES[random.nextInt(among)]};
  }
}
