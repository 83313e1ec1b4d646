package vn.lienthong.core.pdf.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.pdf.PdfRevisions;
import vn.lienthong.core.pdf.SignatureField;
import vn.lienthong.core.validation.ChangeInfo;

/** The revision analysis over every file of the attack corpus. */
class AttackCorpusTest {

  @TempDir static Path dir;
  static AttackCorpus corpus;
  static List<CorpusEntry> entries;

  @BeforeAll
  static void write() throws Exception {
    corpus = AttackCorpus.start();
    entries = corpus.write(dir);
  }

  @AfterAll
  static void stop() {
    corpus.close();
  }

  @Test
  void corpusHoldsEveryAttackClassAndTheControls() {
    Set<String> names = entries.stream().map(CorpusEntry::name).collect(Collectors.toSet());
    assertThat(names.stream().filter(n -> n.startsWith("usf-"))).hasSizeGreaterThanOrEqualTo(8);
    assertThat(names).contains("signature-wrapping", "incremental-saving-new-content",
        "shadow-hide", "shadow-replace", "shadow-hide-and-replace", "evil-annotation-p2",
        "sneaky-signature", "cms-not-der", "cms-garbage-after-der", "digest-mismatch",
        "control-b-b", "control-b-lta", "control-signer-and-seal", "control-extended-to-lta",
        "control-docmdp-p2-then-signature");
  }

  @TestFactory
  Stream<DynamicTest> eachFileGetsTheStructureProblemsAndChangesItsVerdictNeeds() {
    return entries.stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> check(e)));
  }

  private static void check(CorpusEntry e) throws Exception {
    PdfRevisions revisions = PdfRevisions.read(e.file());
    assertThat(revisions.signatures()).as(e.name() + " signatures").isNotEmpty();
    SignatureField first = revisions.signatures().get(0);
    List<String> problems = revisions.signatures().stream()
        .flatMap(s -> s.structureProblems().stream()).toList();
    if (e.structureProblem() == null) {
      assertThat(problems).as(e.name() + " structure").isEmpty();
      assertThat(first.contents()).isNotEmpty();
      try (InputStream in = revisions.signedContent(first)) {
        assertThat(in.readAllBytes()).hasSize((int) (first.byteRange()[1] + first.byteRange()[3]));
      }
    } else {
      assertThat(problems).as(e.name() + " structure")
          .anyMatch(p -> p.startsWith(e.structureProblem().name() + ": "));
    }
    Set<ChangeInfo.Kind> disallowed = revisions.signatures().stream()
        .flatMap(s -> changes(revisions, s).stream())
        .filter(c -> !c.allowed()).map(ChangeInfo::kind).collect(Collectors.toSet());
    String all = changes(revisions, first).toString();
    if (e.isControl() || e.structureProblem() != null || !e.disallowedChanges().isEmpty()) {
      assertThat(disallowed).as(e.name() + " disallowed changes " + all)
          .containsExactlyInAnyOrderElementsOf(e.disallowedChanges());
    }
  }

  private static List<ChangeInfo> changes(PdfRevisions revisions, SignatureField field) {
    try {
      return revisions.changesAfter(field);
    } catch (java.io.IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
  }
}
