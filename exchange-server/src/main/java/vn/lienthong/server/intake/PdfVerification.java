package vn.lienthong.server.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.core.validation.CheckId;
import vn.lienthong.core.validation.CheckResult;
import vn.lienthong.core.validation.Messages;
import vn.lienthong.core.validation.RevocationMode;
import vn.lienthong.core.validation.SignatureReport;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.VerificationContext;
import vn.lienthong.core.validation.Verifier;

/**
 * Verifies one PDF attachment with the core {@link Verifier} (one instance per hub, so its OCSP
 * cache is shared: answers are reused until their nextUpdate) under the hub's policy, trusting
 * exactly the hub's configured roots, with the sender as the unit whose seal the PDF must carry.
 *
 * <p>The result is one of three: it passes; it fails (with the report and a sentence naming the
 * failing check); or it is <em>pending</em>: the only thing missing is revocation data that could
 * not be fetched now (OCSP and CRL unreachable), every other check holding, so that it would pass
 * if the certificates turn out not revoked.
 */
public final class PdfVerification {

  /** What the verification of one PDF says. */
  public sealed interface Result {
    /** The report, whatever the outcome. */
    ValidationReport report();
  }

  /** Every check the policy requires passed. */
  public record Passed(ValidationReport report) implements Result {}

  /** Revocation data could not be fetched now; everything else holds. */
  public record Pending(ValidationReport report, String reason) implements Result {}

  /** A check failed: {@code sentence} names it for clerks. */
  public record Failed(ValidationReport report, String sentence) implements Result {}

  private static final Set<CheckId> SIGNATURE_CONSEQUENCES = EnumSet.of(CheckId.ALL_SIGNATURES_PASSED,
      CheckId.DECREE30_SIGNER_SIGNATURE, CheckId.DECREE30_ORGANIZATION_SEAL, CheckId.DECREE30_SEAL_OF_SENDER);

  private final Verifier verifier;

  /**
   * @param trustAnchors the hub's configured roots, and only those
   * @param timeout connect and read timeout of OCSP and CRL requests
   */
  public PdfVerification(List<X509Certificate> trustAnchors, ValidationPolicy policy, Clock clock, Duration timeout) {
    this.verifier = Verifier.builder(trustAnchors).policy(Objects.requireNonNull(policy, "policy")).clock(clock)
        .random(new SecureRandom()).revocationMode(RevocationMode.ONLINE).timeout(timeout).build();
  }

  /** Verifies {@code pdf} sent by {@code sender}. Never throws for what the file holds. */
  public Result verify(Path pdf, OrganId sender) {
    ValidationReport report = verifier.verify(pdf, VerificationContext.none().withSender(sender.value()));
    if (report.verdict().passed()) {
      return new Passed(report);
    }
    Optional<String> waiting = onlyRevocationMissing(report, sender);
    if (waiting.isPresent()) {
      return new Pending(report, waiting.get());
    }
    return new Failed(report, firstFailure(report));
  }

  /** The report as XML (the core's schema), for the fault's {@code Report}. */
  public static byte[] xml(ValidationReport report) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      report.writeXml(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Whether the report fails only because revocation data was unavailable: every failing signature
   * fails nothing but REVOCATION_DATA_AVAILABLE, and the document rules hold when those signatures
   * are counted as passing. The reason is the first unavailability message.
   */
  static Optional<String> onlyRevocationMissing(ValidationReport report, OrganId sender) {
    String reason = null;
    for (SignatureReport s : report.signatures()) {
      if (s.verdict().passed()) {
        continue;
      }
      List<CheckResult> decisive = s.checks().stream().filter(CheckResult::isDecisive).toList();
      if (decisive.isEmpty() || decisive.stream().anyMatch(c -> c.id() != CheckId.REVOCATION_DATA_AVAILABLE)) {
        return Optional.empty();
      }
      if (reason == null) {
        reason = s.id() + ": " + Messages.describe(decisive.get(0), Locale.ENGLISH);
      }
    }
    if (reason == null) {
      return Optional.empty();
    }
    for (CheckResult c : report.documentChecks()) {
      if (!c.isDecisive()) {
        continue;
      }
      boolean holds = switch (c.id()) {
        case ALL_SIGNATURES_PASSED -> true;
        case DECREE30_SIGNER_SIGNATURE -> hasRole(report, SignatureReport.Role.SIGNER, null);
        case DECREE30_ORGANIZATION_SEAL -> hasRole(report, SignatureReport.Role.ORGANIZATION_SEAL, null);
        case DECREE30_SEAL_OF_SENDER -> hasRole(report, SignatureReport.Role.ORGANIZATION_SEAL, sender.value());
        default -> false;
      };
      if (!holds) {
        return Optional.empty();
      }
    }
    return Optional.of(reason);
  }

  /** A PAdES signature of the role (of {@code owner}'s unit when not null) that passed or is pending. */
  private static boolean hasRole(ValidationReport report, SignatureReport.Role role, String owner) {
    return report.signatures().stream().filter(s -> s.kind() == SignatureReport.Kind.PADES && s.role() == role)
        .filter(s -> owner == null || owner.equals(organId(s).orElse(null)))
        .anyMatch(s -> s.verdict().passed() || s.checks().stream().filter(CheckResult::isDecisive)
            .allMatch(c -> c.id() == CheckId.REVOCATION_DATA_AVAILABLE));
  }

  private static Optional<String> organId(SignatureReport s) {
    if (s.signer() == null) {
      return Optional.empty();
    }
    try {
      for (Rdn rdn : new LdapName(s.signer().subject()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("UID") && rdn.getValue() instanceof String v && v.startsWith("ORGANID:")) {
          return Optional.of(v.substring("ORGANID:".length()));
        }
      }
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * The sentence of the first decisive failure: a signature's own check before the document rules
   * that merely follow from it, so that a forged signature is named for what is wrong with it.
   */
  static String firstFailure(ValidationReport report) {
    for (SignatureReport s : report.signatures()) {
      Optional<CheckResult> c = s.checks().stream().filter(CheckResult::isDecisive).findFirst();
      if (c.isPresent()) {
        return sentence("chữ ký " + s.id() + ": ", "signature " + s.id() + ": ", c.get());
      }
    }
    Optional<CheckResult> doc = report.documentChecks().stream().filter(CheckResult::isDecisive)
        .filter(c -> !SIGNATURE_CONSEQUENCES.contains(c.id()) || report.signatures().stream()
            .allMatch(s -> s.verdict().passed()))
        .findFirst()
        .or(() -> report.documentChecks().stream().filter(CheckResult::isDecisive).findFirst());
    return doc.map(c -> sentence("", "", c)).orElse(report.verdict().toString());
  }

  private static String sentence(String vi, String en, CheckResult c) {
    String text = c.id() + " (" + c.indication() + "/" + c.subIndication() + ") " + vi
        + Messages.describe(c, Locale.forLanguageTag("vi")) + " / " + en + Messages.describe(c, Locale.ENGLISH);
    return JAVA_NAMES.matcher(text).replaceAll(""); // for clerks: no exception class names (the report keeps them)
  }

  private static final java.util.regex.Pattern JAVA_NAMES =
      java.util.regex.Pattern.compile("\\b[A-Z][A-Za-z0-9]*(Exception|Error): ");
}
