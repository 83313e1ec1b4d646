package vn.lienthong.core.validation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A timestamp as a report shows it.
 *
 * @param tsa the TSA certificate's subject, or empty when it could not be identified
 * @param checks the checks run on the timestamp
 */
public record TimestampInfo(
    Kind kind,
    Instant generationTime,
    String tsa,
    String digestAlgorithm,
    List<CheckResult> checks,
    Verdict verdict) {

  /** What a timestamp covers. */
  public enum Kind {
    /** Over a signature value (PAdES B-T). */
    SIGNATURE_TIMESTAMP,
    /** Over a whole document revision (PAdES B-LTA). */
    DOCUMENT_TIMESTAMP
  }

  public TimestampInfo {
    requireNonNull(kind, "kind");
    requireNonNull(generationTime, "generationTime");
    requireNonNull(tsa, "tsa");
    requireNonNull(digestAlgorithm, "digestAlgorithm");
    checks = List.copyOf(checks);
    requireNonNull(verdict, "verdict");
  }
}
