package vn.lienthong.core.pdf;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import vn.lienthong.core.pdf.PdfSigningException.Code;
import vn.lienthong.core.pki.DigestAlgorithm;
import vn.lienthong.core.pki.RevocationClient;
import vn.lienthong.core.pki.TimeStampClient;
import vn.lienthong.core.pki.ValidationDataCollector;

/**
 * Raises an already signed PDF to B-LT (a DSS dictionary with the chains, OCSP responses and CRLs
 * of every signature and time stamp in it) or B-LTA (B-LT plus a document time stamp), in
 * incremental updates that leave every existing signature valid. A signature without a signature
 * time stamp (B-B) first gets a document time stamp, which gives it B-T. Run it again before the
 * last time stamp's certificate expires to renew B-LTA.
 */
public final class PdfExtender {

  private final Clock clock;
  private final TimeStampClient tsa;
  private final Revisions revisions;
  private final DssWriter dss;
  private final DigestAlgorithm digest;

  private PdfExtender(Builder b) {
    this.clock = b.clock;
    this.tsa = new TimeStampClient(b.tsaUrl, b.clock, b.random, b.timeout, b.trustAnchors);
    this.revisions = new Revisions(new CmsSignatureBuilder(b.random));
    this.dss = new DssWriter(new ValidationDataCollector(
        new RevocationClient(b.clock, b.random, b.timeout), b.timeout), b.trustAnchors);
    this.digest = b.digest;
  }

  /** A builder; the time-stamp authority is required. */
  public static Builder builder(URI timeStampAuthority) {
    return new Builder(requireNonNull(timeStampAuthority, "timeStampAuthority"));
  }

  /**
   * Extends {@code in} to {@code level} (B_LT or B_LTA) into {@code out}. On failure {@code in}
   * is untouched and {@code out} is not written.
   *
   * @throws PdfSigningException NOT_SIGNED, REVOKED, REVOCATION_UNAVAILABLE, TSA_UNAVAILABLE, ...
   */
  public void extend(Path in, Path out, PadesLevel level) throws PdfSigningException {
    requireNonNull(in, "in");
    requireNonNull(out, "out");
    if (!requireNonNull(level, "level").atLeast(PadesLevel.B_LT)) {
      throw new IllegalArgumentException("Extension is to B_LT or B_LTA, not " + level);
    }
    Outputs outputs = new Outputs(out);
    try (outputs) {
      Path current = in;
      if (needsTimeStamp(in)) {
        Path next = outputs.next();
        revisions.timeStamp(current, next, tsa, digest, clock.instant());
        current = next;
      }
      Path next = outputs.next();
      dss.addValidationData(current, next);
      current = next;
      if (level.atLeast(PadesLevel.B_LTA)) {
        next = outputs.next();
        revisions.timeStamp(current, next, tsa, digest, clock.instant());
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
      throw new PdfSigningException(Code.IO_ERROR, "Extending " + in + " into " + out + " failed: "
          + outputs.reason(e), e);
    }
  }

  /** True when a signature has no signature time stamp and no document time stamp follows. */
  private static boolean needsTimeStamp(Path in) throws PdfSigningException, IOException {
    try (PDDocument doc = Documents.open(in)) {
      List<PDSignature> signatures = doc.getSignatureDictionaries();
      if (signatures.isEmpty()) {
        throw new PdfSigningException(Code.NOT_SIGNED, in + " carries no signature to extend");
      }
      boolean unstamped = false;
      for (PDSignature signature : signatures) {
        if (Revisions.ETSI_RFC3161.getName().equals(signature.getSubFilter())) {
          unstamped = false;
        } else if (!hasSignatureTimeStamp(signature)) {
          unstamped = true;
        }
      }
      return unstamped;
    }
  }

  private static boolean hasSignatureTimeStamp(PDSignature signature) throws IOException,
      PdfSigningException {
    try {
      CMSSignedData cms = DssWriter.readCms(signature.getContents());
      SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
      return signer.getUnsignedAttributes() != null && signer.getUnsignedAttributes()
          .get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken) != null;
    } catch (CMSException | RuntimeException e) {
      throw new PdfSigningException(Code.CORRUPT_PDF, "A signature's CMS cannot be read", e);
    }
  }

  /** Settings of a {@link PdfExtender}. */
  public static final class Builder {
    private final URI tsaUrl;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private Duration timeout = Duration.ofSeconds(10);
    private List<X509Certificate> trustAnchors = List.of();
    private DigestAlgorithm digest = DigestAlgorithm.SHA256;

    private Builder(URI tsaUrl) {
      this.tsaUrl = tsaUrl;
    }

    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    public Builder random(SecureRandom random) {
      this.random = requireNonNull(random, "random");
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = requireNonNull(timeout, "timeout");
      return this;
    }

    /** Roots that end the chains put into the DSS, and that the TSA's certificate must chain to. */
    public Builder trustAnchors(List<X509Certificate> trustAnchors) {
      this.trustAnchors = List.copyOf(requireNonNull(trustAnchors, "trustAnchors"));
      return this;
    }

    /** The digest of document time stamps; SHA-256 by default. */
    public Builder digest(DigestAlgorithm digest) {
      this.digest = requireNonNull(digest, "digest");
      return this;
    }

    public PdfExtender build() {
      return new PdfExtender(this);
    }
  }
}
