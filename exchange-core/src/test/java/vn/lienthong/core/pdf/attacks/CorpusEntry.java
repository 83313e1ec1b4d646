package vn.lienthong.core.pdf.attacks;

import java.nio.file.Path;
import java.util.Set;
import vn.lienthong.core.validation.ChangeInfo;
import vn.lienthong.core.validation.CheckId;
import vn.lienthong.core.validation.Indication;
import vn.lienthong.core.validation.SubIndication;

/**
 * One file of the attack corpus with the verdict a verifier must give it.
 *
 * @param expectedSub null for TOTAL_PASSED
 * @param failingCheck the check that must fail, null for TOTAL_PASSED
 * @param structureProblem the CheckId prefix {@code PdfRevisions} must report on the signature
 *     ({@code null} when the structure is sound)
 * @param disallowedChanges the kinds of change {@code PdfRevisions.changesAfter} must report as
 *     not allowed after the first signature (empty when none)
 */
public record CorpusEntry(String name, Path file, Indication expected, SubIndication expectedSub,
    CheckId failingCheck, String description, CheckId structureProblem,
    Set<ChangeInfo.Kind> disallowedChanges) {

  public CorpusEntry {
    disallowedChanges = Set.copyOf(disallowedChanges);
  }

  public boolean isControl() {
    return expected == Indication.TOTAL_PASSED;
  }
}
