package vn.lienthong.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChecksTest {

  private final ValidationPolicy policy = ValidationPolicy.decree30();

  @Test
  void everyPassingTablePasses() {
    List<CheckResult> results = Checks.run(List.of(
        Check.of(CheckId.BYTE_RANGE_VALID, c -> Outcome.passed()),
        Check.of(CheckId.MESSAGE_DIGEST_MATCHES, c -> Outcome.passed("ab12"))), "ctx", policy);
    assertThat(results).extracting(CheckResult::status)
        .containsExactly(CheckResult.Status.PASSED, CheckResult.Status.PASSED);
    assertThat(Checks.conclude(results)).isEqualTo(Verdict.PASSED);
  }

  @Test
  void aFailedCheckGivesItsIndicationAndSubIndication() {
    List<CheckResult> results = Checks.run(List.of(
        Check.of(CheckId.BYTE_RANGE_VALID, c -> Outcome.passed()),
        Check.of(CheckId.MESSAGE_DIGEST_MATCHES, c -> Outcome.failed("digest differs"))),
        "ctx", policy);
    assertThat(Checks.conclude(results))
        .isEqualTo(Verdict.of(Indication.TOTAL_FAILED, SubIndication.HASH_FAILURE));
  }

  @Test
  void proofOfInvalidityOutweighsAnEarlierDoubt() {
    List<CheckResult> results = Checks.run(List.of(
        Check.of(CheckId.CHAIN_TO_TRUST_ANCHOR, c -> Outcome.failed("x", "no anchor")),
        Check.of(CheckId.SIGNER_NOT_REVOKED, c -> Outcome.failed("2026-01-01", "keyCompromise"))),
        "ctx", policy);
    assertThat(Checks.conclude(results))
        .isEqualTo(Verdict.of(Indication.TOTAL_FAILED, SubIndication.REVOKED));
  }

  @Test
  void theFirstDoubtWinsAmongIndeterminateResults() {
    List<CheckResult> results = Checks.run(List.of(
        Check.of(CheckId.CHAIN_TO_TRUST_ANCHOR, c -> Outcome.failed("x", "no anchor")),
        Check.of(CheckId.REVOCATION_DATA_AVAILABLE, c -> Outcome.failed("x", "down"))),
        "ctx", policy);
    assertThat(Checks.conclude(results)).isEqualTo(
        Verdict.of(Indication.INDETERMINATE, SubIndication.NO_CERTIFICATE_CHAIN_FOUND));
  }

  @Test
  void aCheckMayRefineItsIndication() {
    List<CheckResult> results = Checks.run(List.of(Check.of(CheckId.SIGNER_NOT_REVOKED,
        c -> Outcome.failedAs(Indication.INDETERMINATE, SubIndication.REVOKED_NO_POE, "d", "r"))),
        "ctx", policy);
    assertThat(Checks.conclude(results))
        .isEqualTo(Verdict.of(Indication.INDETERMINATE, SubIndication.REVOKED_NO_POE));
  }

  @Test
  void thePolicyDecidesTheWeight() {
    ValidationPolicy lenient = ValidationPolicy.builder("lenient")
        .level(CheckId.LEGACY_ALGORITHM, Level.WARN)
        .level(CheckId.TIMESTAMP_PRESENT, Level.IGNORE)
        .build();
    List<CheckResult> results = Checks.run(List.of(
        Check.of(CheckId.LEGACY_ALGORITHM, c -> Outcome.failed("SHA-1")),
        Check.of(CheckId.TIMESTAMP_PRESENT, c -> Outcome.failed())), "ctx", lenient);
    assertThat(results).hasSize(1);
    assertThat(results.get(0).isWarning()).isTrue();
    assertThat(Checks.conclude(results)).isEqualTo(Verdict.PASSED);
    assertThat(Checks.conclude(Checks.run(List.of(
        Check.of(CheckId.LEGACY_ALGORITHM, c -> Outcome.failed("SHA-1"))), "ctx", policy)))
        .isEqualTo(Verdict.of(Indication.INDETERMINATE,
            SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE));
  }

  @Test
  void aCheckThatThrowsIsRecordedAsFailedNotACrash() {
    List<CheckResult> results = Checks.run(List.of(Check.<String>of(CheckId.CMS_WELL_FORMED,
        c -> { throw new IllegalStateException("bad DER"); })), "ctx", policy);
    assertThat(results.get(0).status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(results.get(0).arguments()).containsExactly("IllegalStateException: bad DER");
    assertThat(Checks.conclude(results).indication()).isEqualTo(Indication.TOTAL_FAILED);
  }

  @Test
  void notApplicableChecksDoNotDecide() {
    List<CheckResult> results = Checks.run(List.of(
        Check.of(CheckId.TIMESTAMP_IMPRINT_MATCHES, c -> Outcome.notApplicable())), "ctx", policy);
    assertThat(Checks.conclude(results)).isEqualTo(Verdict.PASSED);
  }
}
