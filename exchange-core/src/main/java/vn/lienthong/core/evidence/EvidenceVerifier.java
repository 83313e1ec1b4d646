package vn.lienthong.core.evidence;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import vn.lienthong.core.validation.CheckId;
import vn.lienthong.core.validation.Level;
import vn.lienthong.core.validation.RevocationMode;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.core.validation.Verifier;

/**
 * Verifies a message's evidence bundle offline, trusting only the given anchors and nothing the
 * hub says beyond what its seal and a TSA prove: the canonical ZIP form, the sealed index
 * (CAdES-T: signature, chain to an anchor, time stamp over the signature), every file's digest,
 * the seal's revocation status when it sealed the index (the OCSP response or CRL the bundle
 * carries), the receipt (sealed, about this message, naming the envelope's digest), the envelope's
 * XML signature, its signer's chain to the anchors when the hub received it, its attachments
 * against the signed manifest, each recipient's delivery evidence and each status envelope.
 *
 * <pre>
 * EvidenceReport report = EvidenceVerifier.builder(roots).build().verify(Path.of("bundle.zip"));
 * if (!report.valid()) { report.writeHtml(out); }
 * </pre>
 *
 * Never throws for what the bundle holds: a damaged or hostile file is a report with a failed
 * check. Nothing is fetched (no network): a bundle without revocation data for the seal reports
 * {@link EvidenceCheck#SEAL_NOT_REVOKED} as indeterminate, and is not valid.
 */
public final class EvidenceVerifier {

  /** The policy the hub's seals are checked under: CAdES-T required, no revocation data needed offline. */
  static final ValidationPolicy SEAL_POLICY = offlinePolicy("Evidence seal (CAdES-T, offline)")
      .level(CheckId.TIMESTAMP_PRESENT, Level.FAIL)
      .build();

  /**
   * What every offline check of a bundle shares: no Decree 30 roles, and revocation only
   * informative (a bundle carries none for the chain; the seal's own is checked apart).
   */
  static ValidationPolicy.Builder offlinePolicy(String name) {
    return ValidationPolicy.builder(name)
        .level(CheckId.DECREE30_SIGNER_SIGNATURE, Level.IGNORE)
        .level(CheckId.DECREE30_ORGANIZATION_SEAL, Level.IGNORE)
        .level(CheckId.DECREE30_SEAL_OF_SENDER, Level.IGNORE)
        .level(CheckId.DECREE30_SEAL_AFTER_SIGNER, Level.IGNORE)
        .level(CheckId.REVOCATION_DATA_AVAILABLE, Level.INFORM)
        .level(CheckId.REVOCATION_DATA_AUTHENTIC, Level.INFORM)
        .level(CheckId.REVOCATION_DATA_FRESH, Level.INFORM)
        .level(CheckId.OCSP_NONCE_MATCHES, Level.INFORM)
        .level(CheckId.CHAIN_NOT_REVOKED, Level.INFORM);
  }

  private final Verifier seals;
  private final List<X509Certificate> anchors;
  private final Clock clock;

  private EvidenceVerifier(Builder b) {
    this.clock = b.clock;
    this.anchors = b.trustAnchors;
    this.seals = Verifier.builder(b.trustAnchors).policy(SEAL_POLICY).revocationMode(RevocationMode.OFFLINE)
        .clock(b.clock).build();
  }

  /** A verifier trusting exactly {@code trustAnchors} for the hub's seal, its TSA and the envelope's signer. */
  public static Builder builder(List<X509Certificate> trustAnchors) {
    return new Builder(trustAnchors);
  }

  /** Verifies the bundle at {@code bundle}. */
  public EvidenceReport verify(Path bundle) {
    requireNonNull(bundle, "bundle");
    Path work;
    try {
      work = Files.createTempDirectory("evidence-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot create a working directory", e);
    }
    try {
      return new BundleRun(bundle, work, seals, anchors, clock.instant()).run();
    } finally {
      BundleRun.deleteRecursively(work);
    }
  }

  /** Settings of an {@link EvidenceVerifier}. */
  public static final class Builder {
    private final List<X509Certificate> trustAnchors;
    private Clock clock = Clock.systemUTC();

    private Builder(List<X509Certificate> trustAnchors) {
      this.trustAnchors = List.copyOf(requireNonNull(trustAnchors, "trustAnchors"));
      if (this.trustAnchors.isEmpty()) {
        throw new IllegalArgumentException("trustAnchors must not be empty");
      }
    }

    /** What "now" is when checking certificates and time stamps. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    public EvidenceVerifier build() {
      return new EvidenceVerifier(this);
    }
  }
}
