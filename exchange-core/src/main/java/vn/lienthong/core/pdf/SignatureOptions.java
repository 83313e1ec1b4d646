package vn.lienthong.core.pdf;

import static java.util.Objects.requireNonNull;

import vn.lienthong.core.pki.DigestAlgorithm;

/**
 * How to sign: the PAdES level, digest, RSA padding, what the signature shows and where, and
 * whether it certifies the document. Build with {@link #builder()}; the defaults are B-T,
 * SHA-256, PKCS#1 v1.5, invisible, no certification.
 *
 * @param reason the /Reason entry, or empty text for none
 * @param location the /Location entry, or empty text for none
 */
public record SignatureOptions(PadesLevel level, DigestAlgorithm digest, RsaPadding rsaPadding,
    Appearance appearance, Placement placement, Certification certification, String reason,
    String location) {

  public SignatureOptions {
    requireNonNull(level, "level");
    requireNonNull(digest, "digest");
    requireNonNull(rsaPadding, "rsaPadding");
    requireNonNull(appearance, "appearance");
    requireNonNull(placement, "placement");
    requireNonNull(certification, "certification");
    requireNonNull(reason, "reason");
    requireNonNull(location, "location");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SignatureOptions}. */
  public static final class Builder {
    private PadesLevel level = PadesLevel.B_T;
    private DigestAlgorithm digest = DigestAlgorithm.SHA256;
    private RsaPadding rsaPadding = RsaPadding.PKCS1_V1_5;
    private Appearance appearance = new Appearance.Invisible();
    private Placement placement = Placement.topRight();
    private Certification certification = Certification.NONE;
    private String reason = "";
    private String location = "";

    private Builder() {}

    public Builder level(PadesLevel level) {
      this.level = requireNonNull(level, "level");
      return this;
    }

    public Builder digest(DigestAlgorithm digest) {
      this.digest = requireNonNull(digest, "digest");
      return this;
    }

    public Builder rsaPadding(RsaPadding rsaPadding) {
      this.rsaPadding = requireNonNull(rsaPadding, "rsaPadding");
      return this;
    }

    /** What the signature shows, and where. */
    public Builder appearance(Appearance appearance, Placement placement) {
      this.appearance = requireNonNull(appearance, "appearance");
      this.placement = requireNonNull(placement, "placement");
      return this;
    }

    public Builder certification(Certification certification) {
      this.certification = requireNonNull(certification, "certification");
      return this;
    }

    public Builder reason(String reason) {
      this.reason = requireNonNull(reason, "reason");
      return this;
    }

    public Builder location(String location) {
      this.location = requireNonNull(location, "location");
      return this;
    }

    public SignatureOptions build() {
      return new SignatureOptions(level, digest, rsaPadding, appearance, placement,
          certification, reason, location);
    }
  }
}
