package vn.lienthong.core.pdf;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.lienthong.core.pdf.PdfSigningException.Code;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.RevocationClient;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.core.pki.SigningKeyChecks;
import vn.lienthong.core.pki.TimeStampClient;
import vn.lienthong.core.pki.ValidationDataCollector;

/**
 * Signs PDFs with PAdES baseline signatures (B-B to B-LTA), visible as Decree 30 asks (signer,
 * seal, copy text) or invisible, from file to file. Before signing it refuses keys whose
 * certificate is expired, not yet valid, revoked (asked online: OCSP, then CRL), without a signing
 * key usage, or that do not match their private key. Built once with {@link #builder()};
 * thread-safe.
 *
 * <pre>{@code
 * PdfSigner signer = PdfSigner.builder().timeStampAuthority(tsaUrl).trustAnchors(roots).build();
 * signer.sign(in, signed, SigningKey.fromPkcs12(p12, password, null),
 *     SignatureOptions.builder().level(PadesLevel.B_LT)
 *         .appearance(new Appearance.Signer(png, "Phạm Văn A", "Chủ tịch"),
 *             Placement.atAnchor("[[CHU_KY]]", 180, 110)).build());
 * }</pre>
 */
public final class PdfSigner {

  private final Clock clock;
  private final SecureRandom random;
  /** Null when no TSA is configured: then only B-B is possible. */
  private final TimeStampClient tsa;
  private final RevocationClient revocation;
  private final ValidationDataCollector collector;
  private final Revisions revisions;
  private final DssWriter dss;

  private PdfSigner(Builder b) {
    this.clock = b.clock;
    this.random = b.random;
    this.tsa = b.tsaUrl == null ? null
        : new TimeStampClient(b.tsaUrl, b.clock, b.random, b.timeout, b.trustAnchors);
    this.revocation = new RevocationClient(b.clock, b.random, b.timeout);
    this.revisions = new Revisions(new CmsSignatureBuilder(b.random));
    this.collector = new ValidationDataCollector(revocation, b.timeout);
    this.dss = new DssWriter(collector, List.copyOf(b.trustAnchors));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Signs {@code in} into {@code out} (replaced if it exists). On failure {@code in} is untouched
   * and {@code out} is not written.
   *
   * @throws PdfSigningException with the reason: an unusable key or certificate, an encrypted or
   *     corrupt PDF, an unreachable TSA or revocation service, a placement that does not fit
   */
  public void sign(Path in, Path out, SigningKey key, SignatureOptions options)
      throws PdfSigningException {
    requireNonNull(in, "in");
    requireNonNull(out, "out");
    requireNonNull(key, "key");
    requireNonNull(options, "options");
    Instant now = clock.instant();
    if (options.level().atLeast(PadesLevel.B_T) && tsa == null) {
      throw new IllegalStateException(options.level() + " needs a time-stamp authority: set one"
          + " with Builder.timeStampAuthority");
    }
    checkKey(key, now);
    Outputs outputs = new Outputs(out);
    try (outputs) {
      Path current = outputs.next();
      revisions.sign(in, current, key, options, now, tsa);
      if (options.level().atLeast(PadesLevel.B_LT)) {
        Path next = outputs.next();
        dss.addValidationData(current, next);
        current = next;
      }
      if (options.level().atLeast(PadesLevel.B_LTA)) {
        Path next = outputs.next();
        revisions.timeStamp(current, next, tsa, options.digest(), clock.instant());
        current = next;
      }
      outputs.commit(current);
    } catch (PdfSigningException e) {
      throw outputs.named(e);
    } catch (RuntimeException | StackOverflowError e) {
      // PDFBox on a hostile structure: a page tree that contains itself (IllegalStateException),
      // one 10 000 levels deep (StackOverflowError); a clerk gets the typed refusal
      throw new PdfSigningException(Code.CORRUPT_PDF, outputs.named(in + " cannot be processed: its structure"
          + " is damaged or hostile (" + e + ")"), e);
    } catch (IOException e) {
      throw new PdfSigningException(Code.IO_ERROR, "Signing " + in + " into " + out
          + " failed: " + outputs.reason(e), e);
    }
  }

  private void checkKey(SigningKey key, Instant now) throws PdfSigningException {
    try {
      SigningKeyChecks.check(key, now, random);
      X509Certificate cert = key.certificate();
      List<X509Certificate> known = new ArrayList<>(key.chain());
      List<X509Certificate> chain = collector.chain(cert, known);
      revocation.check(cert, chain.size() > 1 ? chain.get(1) : cert);
    } catch (PkiException e) {
      throw PdfSigningException.of(e);
    }
  }

  /** Settings of a {@link PdfSigner}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private URI tsaUrl;
    private Duration timeout = Duration.ofSeconds(10);
    private List<X509Certificate> trustAnchors = List.of();

    private Builder() {}

    /** What "now" is: signing time, certificate validity, freshness of answers. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The source of nonces and of randomness for signatures. */
    public Builder random(SecureRandom random) {
      this.random = requireNonNull(random, "random");
      return this;
    }

    /** The RFC 3161 time-stamp authority, needed from B-T on. */
    public Builder timeStampAuthority(URI url) {
      this.tsaUrl = requireNonNull(url, "url");
      return this;
    }

    /** The connect and read timeout of every OCSP, CRL, CA and TSA request. */
    public Builder timeout(Duration timeout) {
      this.timeout = requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Roots that end the chains put into the DSS (B-LT), and that the time-stamp authority's
     * certificate must chain to. Without them chains are built from the signature's own
     * certificates and the AIA caIssuers URLs, and a time stamp is accepted on its own checks.
     */
    public Builder trustAnchors(List<X509Certificate> trustAnchors) {
      this.trustAnchors = List.copyOf(requireNonNull(trustAnchors, "trustAnchors"));
      return this;
    }

    public PdfSigner build() {
      return new PdfSigner(this);
    }
  }
}
