package vn.lienthong.sample.units;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SampleUnitsTest {

  private static final String ROOT = "000.00.00.H49";
  private static final List<SampleUnit> UNITS = SampleUnits.load();

  @Test
  void holdsAtLeastNineHundredUnits() {
    assertThat(UNITS).hasSizeGreaterThanOrEqualTo(900);
  }

  @Test
  void organIdsAreUnique() {
    Set<String> ids = new HashSet<>();
    assertThat(UNITS).allSatisfy(u -> assertThat(ids.add(u.organId())).as(u.organId()).isTrue());
    assertThat(SampleUnits.byId()).hasSameSizeAs(UNITS);
  }

  @Test
  void theProvincialCommitteeIsTheOnlyRoot() {
    assertThat(UNITS).filteredOn(SampleUnit::isRoot).singleElement().satisfies(root -> {
      assertThat(root.organId()).isEqualTo(ROOT);
      assertThat(root.kind()).isEqualTo(UnitKind.PROVINCE_COMMITTEE);
      assertThat(root.name()).isEqualTo("Ủy ban nhân dân tỉnh Quảng Ninh");
      assertThat(root.parent()).isEmpty();
    });
    assertThat(UNITS.get(0).organId()).isEqualTo(ROOT);
  }

  @Test
  void everyParentExistsAndIsListedBeforeItsChildren() {
    Set<String> seen = new HashSet<>();
    for (SampleUnit unit : UNITS) {
      unit.parent().ifPresent(p -> assertThat(seen).as("parent of " + unit.organId()).contains(p));
      seen.add(unit.organId());
    }
  }

  @Test
  void theThirteenDistrictLevelLocalitiesArePresent() {
    assertThat(SampleUnits.children(ROOT))
        .filteredOn(u -> u.kind() == UnitKind.DISTRICT_COMMITTEE)
        .extracting(SampleUnit::name)
        .containsExactlyInAnyOrder(
            "Ủy ban nhân dân thành phố Hạ Long",
            "Ủy ban nhân dân thành phố Móng Cái",
            "Ủy ban nhân dân thành phố Cẩm Phả",
            "Ủy ban nhân dân thành phố Uông Bí",
            "Ủy ban nhân dân thị xã Đông Triều",
            "Ủy ban nhân dân thị xã Quảng Yên",
            "Ủy ban nhân dân huyện Vân Đồn",
            "Ủy ban nhân dân huyện Tiên Yên",
            "Ủy ban nhân dân huyện Đầm Hà",
            "Ủy ban nhân dân huyện Hải Hà",
            "Ủy ban nhân dân huyện Bình Liêu",
            "Ủy ban nhân dân huyện Ba Chẽ",
            "Ủy ban nhân dân huyện Cô Tô");
  }

  @Test
  void everyLocalityHasCommuneLevelUnitsAHealthCentreAndAnEducationOffice() {
    for (SampleUnit district : byKind(UnitKind.DISTRICT_COMMITTEE)) {
      assertThat(SampleUnits.children(district.organId()))
          .as(district.name())
          .extracting(SampleUnit::kind)
          .contains(UnitKind.HEALTH_CENTRE, UnitKind.DISTRICT_DEPARTMENT)
          .containsAnyOf(UnitKind.WARD, UnitKind.COMMUNE, UnitKind.TOWNSHIP);
    }
  }

  @Test
  void communeLevelNamesSayWhatTheUnitIs() {
    assertThat(byKind(UnitKind.WARD)).allSatisfy(
        u -> assertThat(u.name()).startsWith("Ủy ban nhân dân phường "));
    assertThat(byKind(UnitKind.COMMUNE)).allSatisfy(
        u -> assertThat(u.name()).startsWith("Ủy ban nhân dân xã "));
    assertThat(byKind(UnitKind.TOWNSHIP)).allSatisfy(
        u -> assertThat(u.name()).startsWith("Ủy ban nhân dân thị trấn "));
    assertThat(byKind(UnitKind.HEALTH_STATION)).allSatisfy(
        u -> assertThat(u.name()).startsWith("Trạm Y tế "));
    assertThat(byKind(UnitKind.SCHOOL)).allSatisfy(
        u -> assertThat(u.name()).startsWith("Trường "));
  }

  @Test
  void namesAreNfcVietnamese() {
    Set<Integer> allowed = vietnameseLetters();
    "0123456789 ,-.()/".chars().forEach(allowed::add);
    for (SampleUnit unit : UNITS) {
      String name = unit.name();
      assertThat(Normalizer.isNormalized(name, Normalizer.Form.NFC)).as(name).isTrue();
      assertThat(name.codePoints().filter(c -> !allowed.contains(c)).mapToObj(Character::toString))
          .as("characters outside the Vietnamese alphabet in '%s'", name)
          .isEmpty();
      assertThat(name.codePoints().anyMatch(c -> c > 0x7F))
          .as("'%s' has no Vietnamese letter", name)
          .isTrue();
    }
    String all = UNITS.stream().map(SampleUnit::name).collect(Collectors.joining());
    assertThat(all).contains("ệ", "ư", "ơ", "ạ", "ả", "đ", "Đ", "Ủ", "ồ", "ẽ");
  }

  @Test
  void noFieldIsMojibake() {
    for (SampleUnit unit : UNITS) {
      for (String field : List.of(unit.name(), unit.address(), unit.email(), unit.telephone())) {
        assertThat(field).as(unit.organId()).doesNotContain("Ã", "Æ", "Ä", "â€", "\uFFFD");
        assertThat(Normalizer.isNormalized(field, Normalizer.Form.NFC)).as(field).isTrue();
      }
    }
  }

  @Test
  void namesAreUniqueWithinAParent() {
    Map<String, List<String>> namesByParent =
        UNITS.stream()
            .collect(groupingBy(SampleUnit::parentId, mapping(SampleUnit::name, toList())));
    namesByParent.forEach((parent, names) ->
        assertThat(names).as("children of '%s'", parent).doesNotHaveDuplicates());
  }

  @Test
  void contactDetailsArePlausibleAndEmailsUnique() {
    assertThat(UNITS).allSatisfy(u -> {
      assertThat(u.email()).matches("[a-z0-9.]+@quangninh\\.(gov|edu)\\.vn");
      assertThat(u.telephone()).matches("0203 3\\d{3} \\d{3}");
      assertThat(u.address()).endsWith(", tỉnh Quảng Ninh");
    });
    assertThat(UNITS.stream().map(SampleUnit::email)).doesNotHaveDuplicates();
  }

  @Test
  void aFewDemoUnitsIncludingTheProvince() {
    List<SampleUnit> demo = SampleUnits.demoUnits();
    assertThat(demo).hasSizeBetween(8, 12).allMatch(SampleUnit::demo);
    assertThat(demo).extracting(SampleUnit::organId).contains(ROOT);
    assertThat(demo).extracting(SampleUnit::kind)
        .contains(UnitKind.PROVINCE_COUNCIL, UnitKind.DEPARTMENT, UnitKind.DISTRICT_COMMITTEE,
            UnitKind.WARD, UnitKind.SCHOOL);
  }

  @Test
  void childrenAreTheUnitsNamingTheirParent() {
    String haLong = "000.00.31.H49";
    assertThat(SampleUnits.children(haLong))
        .isNotEmpty()
        .allMatch(u -> u.parentId().equals(haLong))
        .extracting(SampleUnit::name)
        .contains("Ủy ban nhân dân phường Bãi Cháy", "Ủy ban nhân dân phường Hồng Gai",
            "Phòng Giáo dục và Đào tạo thành phố Hạ Long", "Trung tâm Y tế thành phố Hạ Long");
    assertThat(SampleUnits.children("314.57.31.H49")).isEmpty();
  }

  @Test
  void childrenOfAnUnknownUnitIsAnError() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SampleUnits.children("000.00.99.H49"))
        .withMessageContaining("000.00.99.H49");
  }

  @Test
  void resultsAreImmutable() {
    assertThatThrownBy(() -> SampleUnits.load().remove(0))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> SampleUnits.byId().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> SampleUnits.children(ROOT).clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> SampleUnits.demoUnits().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  // ---- the parser

  private static final String GOOD_ROOT = line(ROOT, "", "PROVINCE_COMMITTEE", "true");

  @Test
  void parsesCommentsHeaderAndUnits() throws IOException {
    List<SampleUnit> units = parse(
        "# comment", GOOD_ROOT, line("000.00.01.H49", ROOT, "PROVINCE_COUNCIL", "false"));
    assertThat(units).extracting(SampleUnit::organId).containsExactly(ROOT, "000.00.01.H49");
    assertThat(units.get(0).demo()).isTrue();
    assertThat(units.get(1).parent()).contains(ROOT);
  }

  @Test
  void aLineWithTooFewFieldsIsRejectedNamingTheLine() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> parse("# comment", GOOD_ROOT, "000.00.01.H49\t" + ROOT + "\tDEPARTMENT"))
        .withMessageStartingWith("line 4:")
        .withMessageContaining("expected 8 tab-separated fields, found 3");
  }

  @Test
  void anUnknownKindIsRejectedNamingTheLine() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> parse(GOOD_ROOT, line("000.00.01.H49", ROOT, "MINISTRY", "false")))
        .withMessage("line 3: unknown kind 'MINISTRY'");
  }

  @Test
  void aBadDemoFlagIsRejectedNamingTheLine() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> parse(GOOD_ROOT, line("000.00.01.H49", ROOT, "DEPARTMENT", "yes")))
        .withMessageStartingWith("line 3: demo must be");
  }

  @Test
  void aBlankNameIsRejectedNamingTheLine() {
    String blankName = String.join("\t", "000.00.01.H49", ROOT, "DEPARTMENT", " ",
        "a@quangninh.gov.vn", "0203 3000 000", "Hạ Long", "false");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> parse(GOOD_ROOT, blankName))
        .withMessage("line 3: name must not be blank");
  }

  @Test
  void aDuplicateOrganIdIsRejectedNamingBothLines() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> parse(GOOD_ROOT, GOOD_ROOT))
        .withMessage("line 3: duplicate organId " + ROOT + ", first on line 2");
  }

  @Test
  void aMissingParentIsRejectedNamingTheLine() {
    assertThatIllegalArgumentException()
        .isThrownBy(() ->
            parse(GOOD_ROOT, line("000.01.03.H49", "000.00.03.H49", "SCHOOL", "false")))
        .withMessage("line 3: parent 000.00.03.H49 is not in the registry");
  }

  @Test
  void theHeaderIsRequired() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SampleUnits.parse(new StringReader(GOOD_ROOT + "\n")))
        .withMessageStartingWith("line 1: expected the header");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SampleUnits.parse(new StringReader("# only comments\n")))
        .withMessageStartingWith("no header line");
  }

  private static List<SampleUnit> byKind(UnitKind kind) {
    return UNITS.stream().filter(u -> u.kind() == kind).toList();
  }

  /** Parses the header followed by {@code lines}; the first of them is line 2. */
  private static List<SampleUnit> parse(String... lines) throws IOException {
    String text = Stream.concat(Stream.of(SampleUnits.HEADER), Stream.of(lines))
        .collect(Collectors.joining("\n", "", "\n"));
    return SampleUnits.parse(new StringReader(text));
  }

  private static String line(String id, String parent, String kind, String demo) {
    return String.join("\t", id, parent, kind, "Đơn vị " + id, "vanthu@quangninh.gov.vn",
        "0203 3825 000", "phường Hồng Hà, thành phố Hạ Long, tỉnh Quảng Ninh", demo);
  }

  /** The letters of the Vietnamese alphabet with every tone mark, both cases, plus ASCII ones. */
  private static Set<Integer> vietnameseLetters() {
    Set<Integer> letters = new HashSet<>();
    String[] tones = {"", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"};
    for (String vowel : List.of("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")) {
      for (String tone : tones) {
        String letter = Normalizer.normalize(vowel + tone, Normalizer.Form.NFC);
        assertThat(letter).hasSize(1);
        letters.add(letter.codePointAt(0));
        letters.add(letter.toUpperCase(Locale.ROOT).codePointAt(0));
      }
    }
    letters.add((int) 'đ');
    letters.add((int) 'Đ');
    for (char c = 'a'; c <= 'z'; c++) {
      letters.add((int) c);
      letters.add((int) Character.toUpperCase(c));
    }
    return letters;
  }
}
