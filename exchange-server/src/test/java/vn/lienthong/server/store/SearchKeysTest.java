package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

/** The forms in which search compares text: how the letters were typed does not matter. */
class SearchKeysTest {

  @Test
  void theExactFormIsComposedLowerCaseWithOneSpaceBetweenWords() {
    String decomposed = Normalizer.normalize("QUYẾT ĐỊNH", Normalizer.Form.NFD);
    assertThat(decomposed).hasSizeGreaterThan("QUYẾT ĐỊNH".length());
    assertThat(SearchKeys.exact(decomposed)).isEqualTo("quyết định");
    assertThat(SearchKeys.exact(" Tờ\ttrình\u00a0\u00a0xin\r\nkinh\u200bphí ")).isEqualTo("tờ trình xin kinhphí");
    assertThat(SearchKeys.exact("ＵＢＮＤ－ＶＰ")).as("full-width forms").isEqualTo("ubnd-vp");
    assertThat(SearchKeys.exact("Ơ Ư ơ ư")).isEqualTo("ơ ư ơ ư");
  }

  @Test
  void theFoldedFormHasNoDiacritics() {
    assertThat(SearchKeys.folded("Đê điều, Ủy ban, Nghị quyết, Phường Hồng Hải, thuỷ lợi"))
        .isEqualTo("de dieu, uy ban, nghi quyet, phuong hong hai, thuy loi");
    assertThat(SearchKeys.folded(Normalizer.normalize("Ưu tiên ưu đãi", Normalizer.Form.NFD)))
        .isEqualTo("uu tien uu dai");
    // scripts whose letters decompose into other letters come back whole
    assertThat(SearchKeys.folded("한국어")).isEqualTo("한국어");
    assertThat(SearchKeys.hasDiacritics("quyet dinh")).isFalse();
    assertThat(SearchKeys.hasDiacritics("DE DIEU")).isFalse();
    assertThat(SearchKeys.hasDiacritics("đê")).isTrue();
    assertThat(SearchKeys.hasDiacritics("dđ")).isTrue();
    assertThat(SearchKeys.hasDiacritics(Normalizer.normalize("bão", Normalizer.Form.NFD))).isTrue();
  }

  @Test
  void aMessagesKeysKeepSubjectAndCodeApartAndFitTheirColumns() {
    SearchKeys.Keys keys = SearchKeys.of("Kế hoạch phòng, chống bão", "12/UBND-VP");
    assertThat(keys.exact()).isEqualTo("kế hoạch phòng, chống bão\n12/ubnd-vp");
    assertThat(keys.folded()).isEqualTo("ke hoach phong, chong bao\n12/ubnd-vp");
    assertThat(SearchKeys.exact("bão 12/UBND")).doesNotContain("\n");

    // NFKC can make a text longer (U+FDFA is 18 letters); a key is cut at its column's width
    SearchKeys.Keys longest = SearchKeys.of("\ufdfa".repeat(1000), "12/UBND-VP");
    assertThat(longest.exact()).hasSize(SearchKeys.MAX_LENGTH);
    assertThat(longest.folded()).hasSizeLessThanOrEqualTo(SearchKeys.MAX_LENGTH);
    String emoji = "a" + "😀".repeat(3000);
    String cut = SearchKeys.of(emoji, "").exact();
    assertThat(cut).as("not between the two halves of a character").hasSize(SearchKeys.MAX_LENGTH - 1);
    assertThat(Character.isLowSurrogate(cut.charAt(cut.length() - 1))).isTrue();
  }
}
