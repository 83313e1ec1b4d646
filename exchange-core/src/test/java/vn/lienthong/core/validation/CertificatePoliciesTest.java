package vn.lienthong.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.core.validation.PolicyChains.ANY;
import static vn.lienthong.core.validation.PolicyChains.P1;
import static vn.lienthong.core.validation.PolicyChains.P2;
import static vn.lienthong.core.validation.PolicyChains.P3;
import static vn.lienthong.core.validation.PolicyChains.SELF_ISSUED;
import static vn.lienthong.core.validation.PolicyChains.cert;
import static vn.lienthong.core.validation.PolicyChains.chain;
import static vn.lienthong.core.validation.PolicyChains.constraints;
import static vn.lienthong.core.validation.PolicyChains.inhibitAny;
import static vn.lienthong.core.validation.PolicyChains.inhibitMapping;
import static vn.lienthong.core.validation.PolicyChains.mappings;
import static vn.lienthong.core.validation.PolicyChains.policies;
import static vn.lienthong.core.validation.PolicyChains.requireExplicit;
import static vn.lienthong.core.validation.PolicyChains.underRoot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.validation.PolicyChains.Chain;

/**
 * RFC 5280 6.1 certificate-policy processing of a CA path, through
 * {@link CertificateChecks#pathProblem}: the chains of {@link #accepted()} pass, those of
 * {@link #refused()} fail with a sentence about policies. {@code CertificatePoliciesOracleTest}
 * holds BouncyCastle's validator to the same verdicts.
 */
class CertificatePoliciesTest {

  /** Paths whose policies are acceptable. */
  static List<Chain> accepted() throws Exception {
    return List.of(
        chain("no policy extensions anywhere", cert(), cert()),
        chain("policies without constraints", cert(policies(P1)), cert(policies(P2))),
        chain("requireExplicitPolicy=0, the signer carries the CA's policy",
            cert(policies(P1), requireExplicit(0)), cert(policies(P1))),
        chain("requireExplicitPolicy=0 on a CA asserting anyPolicy, any signer policy",
            cert(policies(ANY), requireExplicit(0)), cert(policies(P2))),
        chain("requireExplicitPolicy=3 leaves the two certificates below it free",
            cert(requireExplicit(3)), cert(), cert()),
        chain("a self-issued CA does not count against requireExplicitPolicy",
            cert(policies(P1), requireExplicit(2)), cert(SELF_ISSUED, policies(P1)), cert()),
        chain("policy mapping P1 -> P2 under an explicit policy",
            cert(policies(P1), requireExplicit(0), mappings(P1, P2)), cert(policies(P2))),
        chain("a mapping in the CA under one asserting anyPolicy",
            cert(policies(ANY), requireExplicit(0)), cert(policies(P1), mappings(P1, P3)),
            cert(policies(P3))),
        chain("a mapping after inhibitPolicyMapping=1 still applies",
            cert(policies(P1), constraints(0, 1)), cert(policies(P1), mappings(P1, P2)),
            cert(policies(P2))),
        chain("the signer asserting anyPolicy under an explicit policy",
            cert(policies(P1), requireExplicit(0)), cert(policies(ANY))),
        chain("inhibitPolicyMapping=0 without explicit policy has no failure to cause",
            cert(policies(P1), inhibitMapping(0)), cert(policies(P1), mappings(P1, P2)),
            cert(policies(P2))),
        underRoot("policy constraints on the anchor are not the path's",
            cert(requireExplicit(0), inhibitAny(0)), cert(), cert()));
  }

  /** Paths whose policies are not acceptable. */
  static List<Chain> refused() throws Exception {
    return List.of(
        chain("requireExplicitPolicy=0, the signer without certificatePolicies",
            cert(policies(P1), requireExplicit(0)), cert()),
        chain("requireExplicitPolicy=0, the signer with another policy",
            cert(policies(P1), requireExplicit(0)), cert(policies(P2))),
        chain("requireExplicitPolicy=0 on a CA without certificatePolicies",
            cert(requireExplicit(0)), cert(policies(P1))),
        chain("requireExplicitPolicy=2 does not leave the two certificates below it free",
            cert(requireExplicit(2)), cert(), cert()),
        chain("requireExplicitPolicy=1, the CA below it without policies",
            cert(policies(P1), requireExplicit(1)), cert(), cert(policies(P1))),
        chain("the signer's own requireExplicitPolicy=0 without policies",
            cert(), cert(requireExplicit(0))),
        chain("inhibitPolicyMapping=0 then a mapping, explicit policy required",
            cert(policies(P1), constraints(0, 0)), cert(policies(P1), mappings(P1, P2)),
            cert(policies(P2))),
        chain("inhibitAnyPolicy=0, the signer asserting only anyPolicy",
            cert(policies(P1), requireExplicit(0), inhibitAny(0)), cert(policies(ANY))),
        chain("a mapping from anyPolicy", cert(policies(P1), mappings(ANY, P1)),
            cert(policies(P1))),
        chain("a mapping to anyPolicy", cert(policies(P1), mappings(P1, ANY)),
            cert(policies(P1))));
  }

  @Test
  void acceptablePoliciesPass() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Chain c : accepted()) {
      CertificateChecks.pathProblem(c.path()).ifPresent(p -> wrong.add(c + ": " + p));
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void unacceptablePoliciesFailWithASentenceAboutPolicies() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Chain c : refused()) {
      Optional<String> problem = CertificateChecks.pathProblem(c.path());
      if (problem.isEmpty() || !problem.get().contains("polic")) {
        wrong.add(c + ": " + problem);
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theSentenceNamesTheCertificateAndTheRule() throws Exception {
    assertThat(CertificateChecks.pathProblem(refused().get(0).path())).hasValueSatisfying(p ->
        assertThat(p).contains("CN=Policy Signer").contains("explicit policy"));
    assertThat(CertificateChecks.pathProblem(refused().get(8).path())).hasValueSatisfying(p ->
        assertThat(p).contains("CN=Policy CA 1").contains("anyPolicy"));
  }

  /** An unanchored path's top certificate is processed as a path certificate, not an anchor. */
  @Test
  void anUnanchoredPathIsProcessedWhole() throws Exception {
    Chain c = underRoot("x", cert(requireExplicit(0)), cert(), cert());
    assertThat(CertificateChecks.pathProblem(c.path())).isEmpty();
    var unanchored = new ChainBuilder.Path(c.certificates(), false);
    assertThat(CertificateChecks.pathProblem(unanchored)).hasValueSatisfying(p ->
        assertThat(p).contains("explicit policy"));
  }
}
