package vn.lienthong.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MessagesTest {

  private static final Locale VI = Locale.forLanguageTag("vi");

  @Test
  void everyCheckHasATitleAndAFailureSentenceInBothLanguages() {
    for (CheckId id : CheckId.values()) {
      for (Locale locale : Messages.LANGUAGES) {
        assertThat(Messages.has(id + ".title", locale)).as(id + ".title " + locale).isTrue();
        assertThat(Messages.has(id + ".failed", locale)).as(id + ".failed " + locale).isTrue();
        CheckResult failed = Checks.result(id, Level.FAIL,
            Outcome.failed("ARG0", "ARG1"));
        String sentence = Messages.describe(failed, locale);
        assertThat(sentence).as(id + " " + locale).doesNotContain("{0}").doesNotContain("{1}");
      }
    }
  }

  @Test
  void apostrophesSurviveMessageFormat() {
    CheckResult r = Checks.result(CheckId.KEY_SIZE_ACCEPTED, Level.FAIL, Outcome.failed("RSA", "1024"));
    assertThat(Messages.describe(r, Locale.ENGLISH)).contains("signer's");
  }

  @Test
  void vietnameseSentencesHaveTheirDiacritics() {
    assertThat(Messages.title(CheckId.DECREE30_ORGANIZATION_SEAL, VI))
        .isEqualTo("Có chữ ký hợp lệ của cơ quan, tổ chức (con dấu)");
    for (String label : List.of("verdict", "signer", "chain", "revocation", "changes")) {
      assertThat(Messages.text("label." + label, VI, List.of()))
          .isNotEqualTo(Messages.text("label." + label, Locale.ENGLISH, List.of()));
    }
  }
}
