package vn.lienthong.core.pdf.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.validation.CheckResult;
import vn.lienthong.core.validation.SignatureReport;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.Verdict;
import vn.lienthong.core.validation.Verifier;

/** The verifier over part B's whole attack corpus: each file gets the verdict it must. */
class VerifierCorpusTest {

  @TempDir static Path dir;
  static AttackCorpus corpus;
  static List<CorpusEntry> entries;
  static Verifier verifier;

  @BeforeAll
  static void write() throws Exception {
    corpus = AttackCorpus.start();
    entries = corpus.write(dir);
    verifier = Verifier.builder(List.copyOf(corpus.trustAnchors()))
        .policy(ValidationPolicy.basic()).build();
  }

  @AfterAll
  static void stop() {
    corpus.close();
  }

  @TestFactory
  Stream<DynamicTest> everyCorpusFileGetsItsExpectedIndicationAndSubIndication() {
    return entries.stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> check(e)));
  }

  private static void check(CorpusEntry e) {
    ValidationReport report = verifier.verify(e.file());

    assertThat(report.verdict()).as(e.name() + ": " + e.description() + "\n" + describe(report))
        .isEqualTo(Verdict.of(e.expected(), e.expectedSub()));
    if (e.failingCheck() != null) {
      assertThat(Stream.concat(report.documentChecks().stream(),
              report.signatures().stream().flatMap(s -> s.checks().stream()))
          .filter(CheckResult::isDecisive).map(CheckResult::id))
          .as(e.name() + " failing checks").contains(e.failingCheck());
    }
  }

  static String describe(ValidationReport report) {
    StringBuilder sb = new StringBuilder(report.verdict().toString());
    report.documentChecks().stream().filter(c -> c.status() == CheckResult.Status.FAILED)
        .forEach(c -> sb.append("\n  document ").append(c.id()).append(' ').append(c.arguments()));
    for (SignatureReport s : report.signatures()) {
      sb.append("\n ").append(s.id()).append(' ').append(s.verdict());
      s.checks().stream().filter(c -> c.status() == CheckResult.Status.FAILED)
          .forEach(c -> sb.append("\n  ").append(c.id()).append(' ').append(c.arguments()));
    }
    return sb.toString();
  }
}
