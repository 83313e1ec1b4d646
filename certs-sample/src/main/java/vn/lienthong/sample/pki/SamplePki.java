package vn.lienthong.sample.pki;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * A sample PKI: every credential by alias, the revocations the CAs start with, and the URLs of its
 * CA services. TEST MATERIAL: its private keys are public.
 *
 * <p>{@link #demo()} loads the committed demo set (RSA-2048, services on port {@value
 * CaUrls#DEMO_PORT}); tests that need their own keys or services on another port generate a fresh
 * one with {@link PkiGenerator}. Unit certificates name their unit's OrganId in the subject
 * attribute UID (0.9.2342.19200300.100.1.1) as {@code ORGANID:<OrganId>}, the way Vietnamese CAs
 * write tax codes ({@code MST:…}) and citizen ids ({@code CCCD:…}); see {@link #organIdOf}.
 */
public final class SamplePki {

  public static final String GOV_ROOT = "gov-root";
  public static final String GOV_CA = "gov-ca";
  public static final String PUBLIC_ROOT = "public-root";
  public static final String PUBLIC_CA = "public-ca";
  /** A root that is never a trust anchor. */
  public static final String ROGUE_ROOT = "rogue-root";
  public static final String OCSP_GOV_CA = "ocsp-gov-ca";
  public static final String OCSP_PUBLIC_CA = "ocsp-public-ca";
  public static final String TSA = "tsa";
  public static final String HUB_TLS = "hub-tls";
  public static final String HUB_SEAL = "hub-seal";
  public static final String BAD_REVOKED = "bad-revoked";
  public static final String BAD_EXPIRED = "bad-expired";
  public static final String BAD_NOT_YET_VALID = "bad-not-yet-valid";
  public static final String BAD_NO_SIGNING_USAGE = "bad-no-signing-usage";
  public static final String BAD_RSA_1024 = "bad-rsa1024";
  public static final String BAD_SHA1 = "bad-sha1";
  public static final String BAD_UNTRUSTED = "bad-untrusted";

  /** Prefix of the UID subject attribute that carries a unit's OrganId. */
  public static final String ORGAN_ID_PREFIX = "ORGANID:";

  /** The password of every PKCS#12 file of the committed demo set. TEST MATERIAL. */
  public static final String DEMO_PASSWORD = "lienthong-demo";

  /** Time-stamp policy of the sample TSA: a UUID-based OID (ITU-T X.667), no registration needed. */
  public static final String TSA_POLICY_OID = "2.25.203466746516225783345009577836595066759";

  private final Map<String, Credential> credentials;
  private final Map<String, Revocation> revocations;
  private final CaUrls urls;

  SamplePki(Map<String, Credential> credentials, Map<String, Revocation> revocations, CaUrls urls) {
    this.credentials = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
    this.revocations = Map.copyOf(revocations);
    this.urls = requireNonNull(urls, "urls");
    for (String alias : this.revocations.keySet()) {
      credential(alias);
    }
  }

  /** The committed demo set, loaded from the class path. */
  public static SamplePki demo() {
    return DemoHolder.DEMO;
  }

  /** Loads a PKI that {@link #save} wrote with the given password. */
  public static SamplePki load(java.nio.file.Path directory, char[] password) {
    return PkiFiles.load(directory, password);
  }

  /**
   * Writes the PKI into a folder: a PKCS#12 file (key and chain) and a PEM certificate per alias,
   * {@code manifest.tsv}, {@code revocations.tsv}, {@code pki.properties} and {@code
   * trusted-roots.pem}.
   */
  public void save(java.nio.file.Path directory, char[] password) {
    try {
      PkiFiles.save(this, directory, password);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the PKI into " + directory, e);
    }
  }

  /** The credential of an alias. */
  public Credential credential(String alias) {
    Credential c = credentials.get(requireNonNull(alias, "alias"));
    if (c == null) {
      throw new IllegalArgumentException("No credential with alias '" + alias + "'");
    }
    return c;
  }

  /** The certificate of an alias. */
  public X509Certificate certificate(String alias) {
    return credential(alias).certificate();
  }

  /** Every credential, in generation order. */
  public Collection<Credential> credentials() {
    return credentials.values();
  }

  /** The roots a relying party is meant to trust: the Government root and the public CA root. */
  public List<X509Certificate> trustAnchors() {
    return List.of(certificate(GOV_ROOT), certificate(PUBLIC_ROOT));
  }

  /** The CAs (roots and intermediates), including the untrusted rogue root. */
  public List<Credential> certificationAuthorities() {
    return credentials.values().stream().filter(Credential::isCa).toList();
  }

  /** The revocations the CAs start with, by alias. */
  public Map<String, Revocation> revocations() {
    return revocations;
  }

  /** Where the CA services of this PKI answer. */
  public CaUrls urls() {
    return urls;
  }

  /** The system certificate's alias of a unit. */
  public static String systemAlias(String organId) {
    return "system-" + organId;
  }

  /** The seal certificate's alias of a unit. */
  public static String sealAlias(String organId) {
    return "seal-" + organId;
  }

  /** A unit's system credential (TLS client, envelope signatures). */
  public Credential system(String organId) {
    return credential(systemAlias(organId));
  }

  /** A unit's seal credential. */
  public Credential seal(String organId) {
    return credential(sealAlias(organId));
  }

  /** A certificate in PEM, as openssl, poppler and most other tools read it. */
  public static String pem(X509Certificate certificate) {
    return PkiFiles.pem(certificate);
  }

  /** The OrganId a unit certificate names in its subject, if it names one. */
  public static Optional<String> organIdOf(X509Certificate certificate) {
    X500Name name = X500Name.getInstance(
        certificate.getSubjectX500Principal().getEncoded());
    for (RDN rdn : name.getRDNs(BCStyle.UID)) {
      String value = ((ASN1String) rdn.getFirst().getValue()).getString();
      if (value.startsWith(ORGAN_ID_PREFIX)) {
        return Optional.of(value.substring(ORGAN_ID_PREFIX.length()));
      }
    }
    return Optional.empty();
  }

  private static final class DemoHolder {
    static final SamplePki DEMO = PkiFiles.loadDemo();
  }
}
