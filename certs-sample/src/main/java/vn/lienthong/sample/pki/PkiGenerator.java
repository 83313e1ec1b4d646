package vn.lienthong.sample.pki;

import static java.util.Objects.requireNonNull;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Generates a complete sample PKI modelled on Vietnam's: a Government official-duty hierarchy (Ban
 * Cơ yếu Chính phủ), a licensed public CA (modelled on VNPT-CA), unit system and seal
 * certificates, person certificates, a TSA, delegated OCSP responders, the hub's certificates, and
 * deliberately bad certificates. Everything is test material.
 *
 * <pre>{@code
 * SamplePki pki = PkiGenerator.builder()
 *     .units(List.of(new UnitSpec("000.00.00.H49", "Ủy ban nhân dân tỉnh Quảng Ninh")))
 *     .urls(CaUrls.loopback(port))
 *     .build()
 *     .generate();
 * }</pre>
 */
public final class PkiGenerator {

  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration YEAR = Duration.ofDays(365);

  private final Clock clock;
  private final SecureRandom random;
  private final KeyKind keyKind;
  private final CaUrls urls;
  private final List<UnitSpec> units;
  private final List<PersonSpec> persons;

  private final Map<String, Credential> issued = new LinkedHashMap<>();
  private final Map<String, Revocation> revocations = new LinkedHashMap<>();
  private CertIssuer issuer;
  private Instant now;

  private PkiGenerator(Builder b) {
    this.clock = b.clock;
    this.random = b.random;
    this.keyKind = b.keyKind;
    this.urls = b.urls;
    this.units = List.copyOf(b.units);
    this.persons = List.copyOf(b.persons);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Generates a fresh PKI. A generator is meant for one call; each call makes new keys. */
  public synchronized SamplePki generate() {
    issued.clear();
    revocations.clear();
    issuer = new CertIssuer(random, urls);
    now = clock.instant().minusSeconds(60);

    Credential govRoot = root(SamplePki.GOV_ROOT, "Cơ quan chứng thực số chuyên dùng Chính phủ - Gốc",
        "Ban Cơ yếu Chính phủ", "Government official-duty root (modelled on Ban Cơ yếu Chính phủ)");
    Credential govCa = ca(SamplePki.GOV_CA, "Cơ quan chứng thực số chuyên dùng Chính phủ G2",
        "Ban Cơ yếu Chính phủ", govRoot, "Government official-duty issuing CA: units, hub, TSA, persons");
    Credential publicRoot = root(SamplePki.PUBLIC_ROOT, "Sample Public Root CA",
        "Sample Public CA (modelled on VNPT-CA)", "Licensed public CA root (modelled on VNPT-CA)");
    Credential publicCa = ca(SamplePki.PUBLIC_CA, "Sample Public CA SHA-256",
        "Sample Public CA (modelled on VNPT-CA)", publicRoot, "Licensed public issuing CA: persons");
    Credential rogueRoot = root(SamplePki.ROGUE_ROOT, "Cơ quan chứng thực số giả mạo",
        "Untrusted Sample", "An untrusted root: never configure it as a trust anchor");

    leaf(SamplePki.OCSP_GOV_CA, CertRole.OCSP_RESPONDER, govCa, "", name("Dịch vụ OCSP G2", govCa),
        CertProfile.ocspResponder(), now, now.plus(YEAR.multipliedBy(10)), "SHA256",
        "Delegated OCSP responder of gov-ca (id-kp-OCSPSigning, ocsp-nocheck)");
    leaf(SamplePki.OCSP_PUBLIC_CA, CertRole.OCSP_RESPONDER, publicCa, "",
        name("Sample Public CA OCSP", publicCa), CertProfile.ocspResponder(), now,
        now.plus(YEAR.multipliedBy(10)), "SHA256",
        "Delegated OCSP responder of public-ca (id-kp-OCSPSigning, ocsp-nocheck)");
    leaf(SamplePki.TSA, CertRole.TSA, govCa, "", name("Dịch vụ cấp dấu thời gian", govCa),
        CertProfile.tsa(), now, now.plus(YEAR.multipliedBy(10)), "SHA256",
        "Time-stamping unit (critical EKU timeStamping)");
    leaf(SamplePki.HUB_TLS, CertRole.HUB_TLS, govCa, "", subject("localhost", "Liên Thông Exchange", null, null),
        CertProfile.tlsServer(keyKind.algorithm()), now, now.plus(YEAR.multipliedBy(10)), "SHA256",
        "The hub's TLS server certificate (localhost, 127.0.0.1, ::1)");
    leaf(SamplePki.HUB_SEAL, CertRole.HUB_SEAL, govCa, "",
        subject("Trục liên thông văn bản - Liên Thông Exchange", "Liên Thông Exchange", null, null),
        CertProfile.documentSigner(), now, now.plus(YEAR.multipliedBy(10)), "SHA256",
        "The hub's seal: signs receipts and evidence");

    for (UnitSpec unit : units) {
      unitCertificates(unit, govCa);
    }
    for (PersonSpec person : persons) {
      X500Name subject = personName(person.fullName(), person.title(), person.organName(),
          person.citizenId());
      leaf(person.alias(), CertRole.PERSON, person.publicCa() ? publicCa : govCa, person.organId(),
          subject, CertProfile.documentSigner(), now, now.plus(YEAR.multipliedBy(5)), "SHA256",
          person.title() + " " + person.fullName());
    }
    badCertificates(govCa, rogueRoot);
    return new SamplePki(issued, revocations, urls);
  }

  private void unitCertificates(UnitSpec unit, Credential govCa) {
    X500Name system = subject(unit.name() + " - Hệ thống quản lý văn bản", unit.name(),
        SamplePki.ORGAN_ID_PREFIX + unit.organId(), null);
    X500Name seal = subject(unit.name(), unit.name(), SamplePki.ORGAN_ID_PREFIX + unit.organId(), null);
    leaf(SamplePki.systemAlias(unit.organId()), CertRole.UNIT_SYSTEM, govCa, unit.organId(), system,
        CertProfile.system(keyKind.algorithm()), now, now.plus(YEAR.multipliedBy(5)), "SHA256",
        "System certificate of " + unit.name() + ": TLS client and envelope signatures");
    leaf(SamplePki.sealAlias(unit.organId()), CertRole.UNIT_SEAL, govCa, unit.organId(), seal,
        CertProfile.documentSigner(), now, now.plus(YEAR.multipliedBy(5)), "SHA256",
        "Seal of " + unit.name() + ": the organization's document signature");
  }

  /** The deliberately bad certificates, all seals of the first unit where there is one. */
  private void badCertificates(Credential govCa, Credential rogueRoot) {
    String organId = units.isEmpty() ? "" : units.get(0).organId();
    String unitName = units.isEmpty() ? "Đơn vị mẫu" : units.get(0).name();
    String uid = organId.isEmpty() ? null : SamplePki.ORGAN_ID_PREFIX + organId;
    CertProfile seal = CertProfile.documentSigner();
    Instant end = now.plus(YEAR.multipliedBy(5));

    leaf(SamplePki.BAD_REVOKED, CertRole.UNIT_SEAL, govCa, organId,
        subject(unitName + " (revoked)", unitName, uid, null), seal, now, end, "SHA256",
        "BAD: seal revoked (keyCompromise) right after issuance");
    revocations.put(SamplePki.BAD_REVOKED,
        new Revocation(RevocationReason.KEY_COMPROMISE, now.plusSeconds(30)));
    leaf(SamplePki.BAD_EXPIRED, CertRole.UNIT_SEAL, govCa, organId,
        subject(unitName + " (expired)", unitName, uid, null), seal,
        now.minus(YEAR.multipliedBy(3)), now.minus(DAY.multipliedBy(30)), "SHA256",
        "BAD: seal that expired 30 days before generation");
    leaf(SamplePki.BAD_NOT_YET_VALID, CertRole.UNIT_SEAL, govCa, organId,
        subject(unitName + " (not yet valid)", unitName, uid, null), seal,
        now.plus(YEAR.multipliedBy(10)), now.plus(YEAR.multipliedBy(12)), "SHA256",
        "BAD: seal valid only from ten years after generation");
    leaf(SamplePki.BAD_NO_SIGNING_USAGE, CertRole.UNIT_SEAL, govCa, organId,
        subject(unitName + " (encryption only)", unitName, uid, null), CertProfile.encryptionOnly(),
        now, end, "SHA256", "BAD: key usage keyEncipherment only, no digitalSignature or nonRepudiation");
    leaf(SamplePki.BAD_RSA_1024, CertRole.UNIT_SEAL, govCa, organId,
        subject(unitName + " (RSA-1024)", unitName, uid, null), seal, now, end, "SHA256",
        KeyKind.RSA_1024, "BAD: RSA-1024 key, below the 2048 bits Circular 15/2025 requires");
    leaf(SamplePki.BAD_SHA1, CertRole.UNIT_SEAL, govCa, organId,
        subject(unitName + " (SHA-1)", unitName, uid, null), seal, now, end, "SHA1",
        "BAD: certificate signed by its CA with SHA-1");
    leaf(SamplePki.BAD_UNTRUSTED, CertRole.UNIT_SEAL, rogueRoot, organId,
        subject(unitName, unitName, uid, null), seal, now, end, "SHA256",
        "BAD: a seal naming the unit, issued by the untrusted rogue-root");
  }

  private Credential root(String alias, String cn, String org, String description) {
    KeyPair keys = keyKind.generate(random);
    X500Name subject = caName(cn + " (SAMPLE)", org);
    var request = new CertIssuer.Request(subject, keys.getPublic(), CertProfile.ca(-1),
        now.minus(DAY), now.plus(YEAR.multipliedBy(20)), "SHA256");
    var cert = issuer.selfSigned(request, keys.getPrivate());
    return put(new Credential(alias, CertRole.ROOT_CA, alias, "", description, keys.getPrivate(),
        List.of(cert)));
  }

  private Credential ca(String alias, String cn, String org, Credential parent, String description) {
    KeyPair keys = keyKind.generate(random);
    X500Name subject = caName(cn + " (SAMPLE)", org);
    var request = new CertIssuer.Request(subject, keys.getPublic(), CertProfile.ca(0),
        now.minus(DAY), now.plus(YEAR.multipliedBy(15)), "SHA256");
    return put(new Credential(alias, CertRole.INTERMEDIATE_CA, parent.alias(), "", description,
        keys.getPrivate(), chain(issuer.issue(request, parent), parent)));
  }

  private void leaf(String alias, CertRole role, Credential ca, String organId, X500Name subject,
      CertProfile profile, Instant from, Instant to, String hash, String description) {
    leaf(alias, role, ca, organId, subject, profile, from, to, hash, keyKind, description);
  }

  private void leaf(String alias, CertRole role, Credential ca, String organId, X500Name subject,
      CertProfile profile, Instant from, Instant to, String hash, KeyKind kind, String description) {
    KeyPair keys = kind.generate(random);
    var request = new CertIssuer.Request(subject, keys.getPublic(), profile, from, to, hash);
    put(new Credential(alias, role, ca.alias(), organId, description, keys.getPrivate(),
        chain(issuer.issue(request, ca), ca)));
  }

  private Credential put(Credential credential) {
    if (issued.putIfAbsent(credential.alias(), credential) != null) {
      throw new IllegalArgumentException("Duplicate alias " + credential.alias());
    }
    return credential;
  }

  private static List<java.security.cert.X509Certificate> chain(
      java.security.cert.X509Certificate cert, Credential issuer) {
    List<java.security.cert.X509Certificate> chain = new ArrayList<>();
    chain.add(cert);
    chain.addAll(issuer.chain());
    return chain;
  }

  private static X500Name name(String cn, Credential ca) {
    String org = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded())
        .getRDNs(BCStyle.O)[0].getFirst().getValue().toString();
    return caName(cn + " (SAMPLE)", org);
  }

  /** A CA or CA service: C=VN, O, CN. */
  private static X500Name caName(String cn, String org) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "VN").addRDN(BCStyle.O, org)
        .addRDN(BCStyle.CN, cn).build();
  }

  /**
   * A subscriber in the province: C=VN, ST=Quảng Ninh, O, T, UID, CN, the order Vietnamese CAs
   * use, most general first. {@code org}, {@code uid} and {@code title} may be null.
   */
  private static X500Name subject(String cn, String org, String uid, String title) {
    X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "VN")
        .addRDN(BCStyle.ST, "Quảng Ninh");
    if (org != null) {
      b.addRDN(BCStyle.O, org);
    }
    if (title != null) {
      b.addRDN(BCStyle.T, title);
    }
    if (uid != null) {
      b.addRDN(BCStyle.UID, uid);
    }
    return b.addRDN(BCStyle.CN, cn).build();
  }

  private static X500Name personName(String fullName, String title, String org, String citizenId) {
    return subject(fullName, org, "CCCD:" + citizenId, title);
  }

  /** Settings of a generator; every one has a default suitable for tests. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private KeyKind keyKind = KeyKind.EC_P256;
    private CaUrls urls = CaUrls.loopback(CaUrls.DEMO_PORT);
    private List<UnitSpec> units = List.of();
    private List<PersonSpec> persons = List.of();

    private Builder() {}

    /** The clock that dates every certificate; system UTC by default. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The source of keys and serial numbers. */
    public Builder random(SecureRandom random) {
      this.random = requireNonNull(random, "random");
      return this;
    }

    /** The key type of every certificate except the RSA-1024 one; ECDSA P-256 by default (fast). */
    public Builder keyKind(KeyKind keyKind) {
      if (requireNonNull(keyKind, "keyKind") == KeyKind.RSA_1024) {
        throw new IllegalArgumentException("keyKind RSA_1024 is reserved for the weak certificate");
      }
      this.keyKind = keyKind;
      return this;
    }

    /** Where the CA services answer; {@code http://127.0.0.1:18600} by default. */
    public Builder urls(CaUrls urls) {
      this.urls = requireNonNull(urls, "urls");
      return this;
    }

    /** The units that get a system and a seal certificate. */
    public Builder units(List<UnitSpec> units) {
      this.units = List.copyOf(requireNonNull(units, "units"));
      if (this.units.stream().map(UnitSpec::organId).distinct().count() != this.units.size()) {
        throw new IllegalArgumentException("units holds a duplicate OrganId");
      }
      return this;
    }

    /** The persons who get a signing certificate. */
    public Builder persons(List<PersonSpec> persons) {
      this.persons = List.copyOf(requireNonNull(persons, "persons"));
      return this;
    }

    public PkiGenerator build() {
      return new PkiGenerator(this);
    }
  }
}
