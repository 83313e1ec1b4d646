package vn.lienthong.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.core.validation.PolicyChains.cert;
import static vn.lienthong.core.validation.PolicyChains.chain;
import static vn.lienthong.core.validation.PolicyChains.policies;
import static vn.lienthong.core.validation.PolicyChains.requireExplicit;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.validation.PolicyChains.Chain;

/**
 * The cost of policy processing on certificates anyone can put into a CMS: {@code pathProblem}
 * runs on every path found (CHAIN_CA_CONSTRAINTS), anchored or not, so a self-made CA listing
 * tens of thousands of policies above a certificate listing as many others (a few hundred KB,
 * within a signature's /Contents) must not hold the verifier for seconds: each policy of a
 * certificate is looked up among the expected policies of the level above in constant time,
 * not by a scan of the whole level.
 */
class CertificatePoliciesCostTest {

  private static final int POLICIES = 30_000;

  @Test
  void manyPoliciesOnTwoCertificatesCostLinearTime() throws Exception {
    String[] upper = IntStream.range(0, POLICIES).mapToObj(i -> "1.2.704.98.1." + i)
        .toArray(String[]::new);
    String[] lower = IntStream.range(0, POLICIES).mapToObj(i -> "1.2.704.98.2." + i)
        .toArray(String[]::new);
    Chain chain = chain("wide policies", cert(policies(upper), requireExplicit(5)),
        cert(policies(lower)));
    List<X509Certificate> certs = chain.certificates();
    ChainBuilder.Path unanchored = new ChainBuilder.Path(certs.subList(0, certs.size() - 1), false);

    CertificateChecks.pathProblem(chain.path()); // warm-up
    long start = System.nanoTime();
    CertificateChecks.pathProblem(chain.path());
    CertificateChecks.pathProblem(unanchored);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(millis).as("two paths of %d x %d policies", POLICIES, POLICIES).isLessThan(1_500);
  }
}
