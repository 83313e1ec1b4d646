package vn.lienthong.core.pdf;

/**
 * Whether the first signature certifies the document (DocMDP), and which later changes it allows.
 * Decree 30 documents use {@link #FORM_FILLING} when the organization certifies, so that the seal
 * and later signatures stay allowed.
 */
public enum Certification {
  /** An approval signature only. */
  NONE(0),
  /** P=1: no change at all (a later seal invalidates it). */
  NO_CHANGES(1),
  /** P=2: form filling and further signatures. */
  FORM_FILLING(2),
  /** P=3: as P=2, plus annotations. */
  ANNOTATIONS(3);

  private final int permission;

  Certification(int permission) {
    this.permission = permission;
  }

  /** The DocMDP /P value, 0 for none. */
  public int permission() {
    return permission;
  }
}
