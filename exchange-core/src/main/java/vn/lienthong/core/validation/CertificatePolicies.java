package vn.lienthong.core.validation;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;

/**
 * RFC 5280 6.1 certificate-policy processing of a path (6.1.2, 6.1.3 d-f, 6.1.4 a-b and h-j,
 * 6.1.5 a-b and g) with user-initial-policy-set {anyPolicy} and no initial inhibition: a CA's
 * policyConstraints, inhibitAnyPolicy and policyMappings bind the certificates below it, so a CA
 * that requires an explicit policy is obeyed rather than accepted without effect.
 *
 * <p>With the initial set {anyPolicy} only whether the valid_policy_tree is null matters, and the
 * processing of certificate i reads only the nodes at depth i-1 and i. So the tree is kept as its
 * deepest level, each valid_policy with its expected_policy_set (nodes of one level that share a
 * valid_policy always share that set), and a pruned-away level is the null tree. A path whose
 * certificates carry neither policyConstraints nor policyMappings cannot fail (explicit_policy
 * never reaches 0 and nothing maps anyPolicy): it costs a look at each certificate's extension
 * OIDs and allocates no tree.
 */
final class CertificatePolicies {

  static final String ANY_POLICY = "2.5.29.32.0";
  private static final String POLICIES = Extension.certificatePolicies.getId();
  private static final String MAPPINGS = Extension.policyMappings.getId();
  private static final String CONSTRAINTS = Extension.policyConstraints.getId();
  private static final String INHIBIT_ANY = Extension.inhibitAnyPolicy.getId();

  /** The tree's deepest level: valid_policy to expected_policy_set; null: the null tree. */
  private Map<String, Set<String>> level = Map.of(ANY_POLICY, Set.of(ANY_POLICY));
  private int explicitPolicy;
  private int policyMapping;
  private int inhibitAnyPolicy;

  private CertificatePolicies(int n) {
    explicitPolicy = n + 1;
    policyMapping = n + 1;
    inhibitAnyPolicy = n + 1;
  }

  /**
   * Why the policies of {@code path} (target first; an anchor at its end is an input, not a path
   * certificate) are not acceptable; empty when they are.
   */
  static Optional<String> problem(ChainBuilder.Path path) {
    List<X509Certificate> certs = path.certificates();
    int n = path.anchored() ? certs.size() - 1 : certs.size();
    if (!constrained(certs, n)) {
      return Optional.empty();
    }
    CertificatePolicies state = new CertificatePolicies(n);
    for (int i = 1; i <= n; i++) {
      X509Certificate c = certs.get(n - i);
      try {
        Optional<String> problem = state.process(c, i, n);
        if (problem.isPresent()) {
          return Optional.of(CertificateChecks.subject(c) + problem.get());
        }
      } catch (RuntimeException e) {
        return Optional.of(CertificateChecks.subject(c)
            + " has unreadable certificate policy extensions: " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** Whether a certificate of the path carries policyConstraints or policyMappings. */
  private static boolean constrained(List<X509Certificate> certs, int n) {
    for (int i = 0; i < n; i++) {
      for (Set<String> oids : List.of(oids(certs.get(i).getCriticalExtensionOIDs()),
          oids(certs.get(i).getNonCriticalExtensionOIDs()))) {
        if (oids.contains(CONSTRAINTS) || oids.contains(MAPPINGS)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Set<String> oids(Set<String> oids) {
    return oids == null ? Set.of() : oids;
  }

  /** Processes certificate {@code i} of {@code n} (6.1.3 d-f, then 6.1.4 or 6.1.5); a problem. */
  private Optional<String> process(X509Certificate c, int i, int n) {
    boolean selfIssued = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    Set<String> policies = policies(c);
    level = level == null || policies == null ? null
        : next(policies, inhibitAnyPolicy > 0 || (i < n && selfIssued));
    if (explicitPolicy <= 0 && level == null) {
      return Optional.of(" has no certificate policy acceptable to the path while its CAs"
          + " require an explicit policy (RFC 5280 6.1.3 f)");
    }
    Constraints constraints = constraints(c);
    if (i == n) { // 6.1.5 a-b, g: the intersection with {anyPolicy} is the tree itself
      if (explicitPolicy != 0) {
        explicitPolicy--;
      }
      if (constraints.requireExplicit() != null && constraints.requireExplicit().signum() == 0) {
        explicitPolicy = 0;
      }
      return explicitPolicy <= 0 && level == null
          ? Optional.of(" has no certificate policy acceptable to the path while an explicit"
              + " policy is required (RFC 5280 6.1.5 g)")
          : Optional.empty();
    }
    Map<String, Set<String>> mappings = mappings(c);
    if (mappings.containsKey(ANY_POLICY)
        || mappings.values().stream().anyMatch(s -> s.contains(ANY_POLICY))) {
      return Optional.of(" maps a certificate policy from or to anyPolicy (RFC 5280 6.1.4 a)");
    }
    if (level != null && !mappings.isEmpty()) {
      level = mapped(mappings);
    }
    if (!selfIssued) { // 6.1.4 h
      explicitPolicy = Math.max(0, explicitPolicy - 1);
      policyMapping = Math.max(0, policyMapping - 1);
      inhibitAnyPolicy = Math.max(0, inhibitAnyPolicy - 1);
    }
    explicitPolicy = lower(explicitPolicy, constraints.requireExplicit()); // 6.1.4 i
    policyMapping = lower(policyMapping, constraints.inhibitMapping());
    inhibitAnyPolicy = lower(inhibitAnyPolicy, inhibitAny(c)); // 6.1.4 j
    return Optional.empty();
  }

  /** The next level from a certificate's {@code policies} (6.1.3 d); null when none is left. */
  private Map<String, Set<String>> next(Set<String> policies, boolean anyAllowed) {
    Map<String, Set<String>> next = new HashMap<>();
    boolean anyNode = level.containsKey(ANY_POLICY);
    // every expected policy of the level once: a scan of the level for each policy was quadratic
    // in certificates anyone can put into a CMS (tens of thousands of policies each: seconds)
    Set<String> expectedAnywhere = new HashSet<>();
    if (!anyNode) {
      level.values().forEach(expectedAnywhere::addAll);
    }
    for (String p : policies) {
      if (!p.equals(ANY_POLICY) && (anyNode || expectedAnywhere.contains(p))) {
        next.put(p, Set.of(p)); // d 1
      }
    }
    if (anyAllowed && policies.contains(ANY_POLICY)) { // d 2
      for (Set<String> expected : level.values()) {
        for (String e : expected) {
          next.putIfAbsent(e, Set.of(e));
        }
      }
    }
    return next.isEmpty() ? null : next; // d 3: nothing at this depth prunes the whole tree
  }

  /** The level after the certificate's policy mappings (6.1.4 b); null when none is left. */
  private Map<String, Set<String>> mapped(Map<String, Set<String>> mappings) {
    Map<String, Set<String>> next = new HashMap<>(level);
    for (Map.Entry<String, Set<String>> m : mappings.entrySet()) {
      if (policyMapping <= 0) {
        next.remove(m.getKey()); // b 2
      } else if (next.containsKey(m.getKey()) || level.containsKey(ANY_POLICY)) {
        next.put(m.getKey(), m.getValue()); // b 1
      }
    }
    return next.isEmpty() ? null : next;
  }

  /** min(counter, skipCerts) when the field is present; a negative skipCerts counts as 0. */
  private static int lower(int counter, BigInteger skipCerts) {
    if (skipCerts == null || skipCerts.compareTo(BigInteger.valueOf(counter)) >= 0) {
      return counter;
    }
    return skipCerts.signum() < 0 ? 0 : skipCerts.intValue();
  }

  /**
   * The extension's value, null when absent. The OID sets are asked first: the JDK's certificate
   * throws and catches an exception inside getExtensionValue for an absent extension (a
   * microsecond or more each, growing with the depth of the caller's stack).
   */
  static ASN1Primitive extension(X509Certificate c, String oid) {
    if (!oids(c.getCriticalExtensionOIDs()).contains(oid)
        && !oids(c.getNonCriticalExtensionOIDs()).contains(oid)) {
      return null;
    }
    byte[] value = c.getExtensionValue(oid);
    try {
      return value == null ? null
          : ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(value).getOctets());
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The policy identifiers of certificatePolicies; null when the extension is absent. */
  private static Set<String> policies(X509Certificate c) {
    ASN1Primitive value = extension(c, POLICIES);
    if (value == null) {
      return null;
    }
    Set<String> policies = new LinkedHashSet<>();
    for (ASN1Encodable info : ASN1Sequence.getInstance(value)) {
      policies.add(PolicyInformation.getInstance(info).getPolicyIdentifier().getId());
    }
    return policies;
  }

  /** policyMappings: each issuerDomainPolicy with the subjectDomainPolicy values it maps to. */
  private static Map<String, Set<String>> mappings(X509Certificate c) {
    ASN1Primitive value = extension(c, MAPPINGS);
    if (value == null) {
      return Map.of();
    }
    Map<String, Set<String>> mappings = new LinkedHashMap<>();
    for (ASN1Encodable element : ASN1Sequence.getInstance(value)) {
      ASN1Sequence pair = ASN1Sequence.getInstance(element);
      if (pair.size() != 2) {
        throw new IllegalArgumentException("a policy mapping of " + pair.size() + " elements");
      }
      mappings.computeIfAbsent(ASN1ObjectIdentifier.getInstance(pair.getObjectAt(0)).getId(),
          k -> new LinkedHashSet<>())
          .add(ASN1ObjectIdentifier.getInstance(pair.getObjectAt(1)).getId());
    }
    return mappings;
  }

  /** The SkipCerts of a policyConstraints extension, each null when absent. */
  private record Constraints(BigInteger requireExplicit, BigInteger inhibitMapping) {}

  private static Constraints constraints(X509Certificate c) {
    ASN1Primitive value = extension(c, CONSTRAINTS);
    if (value == null) {
      return new Constraints(null, null);
    }
    PolicyConstraints pc = PolicyConstraints.getInstance(value);
    return new Constraints(pc.getRequireExplicitPolicyMapping(), pc.getInhibitPolicyMapping());
  }

  private static BigInteger inhibitAny(X509Certificate c) {
    ASN1Primitive value = extension(c, INHIBIT_ANY);
    return value == null ? null : ASN1Integer.getInstance(value).getValue();
  }
}
