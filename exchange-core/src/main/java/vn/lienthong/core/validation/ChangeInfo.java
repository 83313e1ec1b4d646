package vn.lienthong.core.validation;

import static java.util.Objects.requireNonNull;

/**
 * One thing a later revision of a PDF changed after a signature.
 *
 * @param revision the revision (1 = the original file) that made the change
 * @param allowed whether the signature's certification level, FieldMDP or the PAdES rules allow
 *     it (DSS and document timestamp additions always are)
 * @param description what changed, in words an auditor can follow (objects, page, field)
 */
public record ChangeInfo(int revision, Kind kind, boolean allowed, String description) {

  /** The kinds of change a revision analysis tells apart. */
  public enum Kind {
    VALIDATION_DATA_ADDED,
    DOCUMENT_TIMESTAMP_ADDED,
    SIGNATURE_ADDED,
    FORM_FIELD_FILLED,
    ANNOTATION_ADDED,
    ANNOTATION_CHANGED,
    PAGE_CONTENT_CHANGED,
    PAGE_ADDED_OR_REMOVED,
    VISIBLE_CONTENT_CHANGED,
    OTHER_OBJECT_CHANGED
  }

  public ChangeInfo {
    requireNonNull(kind, "kind");
    requireNonNull(description, "description");
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be >= 1, was " + revision);
    }
  }
}
