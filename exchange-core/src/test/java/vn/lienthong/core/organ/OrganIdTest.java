package vn.lienthong.core.organ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrganIdTest {

  @ParameterizedTest
  @CsvSource({
    "000.00.00.H49, 1, ",
    "000.00.31.H49, 2, 000.00.00.H49",
    "000.05.31.H49, 3, 000.00.31.H49",
    "001.05.31.H49, 4, 000.05.31.H49",
    "001.00.31.H49, 4, 000.00.31.H49",
    "000.00.18.G12, 2, 000.00.00.G12",
  })
  void standardFormKnowsItsLevelAndParent(String code, int level, String parent) {
    OrganId id = OrganId.of(code);
    assertThat(id.isStandard()).isTrue();
    assertThat(id.level()).isEqualTo(level);
    assertThat(id.parent().map(OrganId::value).orElse(null)).isEqualTo(parent);
  }

  @Test
  void levelCodesReadRightToLeft() {
    OrganId id = OrganId.of("001.05.31.H49");
    assertThat(id.levelCode(1)).isEqualTo("H49");
    assertThat(id.levelCode(2)).isEqualTo("31");
    assertThat(id.levelCode(3)).isEqualTo("05");
    assertThat(id.levelCode(4)).isEqualTo("001");
  }

  @ParameterizedTest
  @ValueSource(strings = {"01.02.G22", "vxp.saas.03", "A", "12345678901234567890123456789012345"})
  void otherFormsAreAcceptedWithoutLevelOrParent(String code) {
    OrganId id = OrganId.of(code);
    assertThat(id.isStandard()).isFalse();
    assertThat(id.level()).isZero();
    assertThat(id.parent()).isEmpty();
    assertThatIllegalStateException().isThrownBy(() -> id.levelCode(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "000.00.00.H49 ", "H49/01", "123456789012345678901234567890123456",
      "<x/>", "Hạ.Long"})
  void nonsenseIsRefusedWithTheValueNamed(String code) {
    assertThatIllegalArgumentException().isThrownBy(() -> OrganId.of(code))
        .withMessageContaining("Invalid OrganId");
    assertThat(OrganId.tryParse(code)).isEmpty();
  }

  @Test
  void subtreeContainment() {
    OrganId province = OrganId.of("000.00.00.H49");
    OrganId district = OrganId.of("000.00.31.H49");
    OrganId commune = OrganId.of("000.05.31.H49");
    OrganId otherDistrict = OrganId.of("000.00.32.H49");
    assertThat(province.contains(commune)).isTrue();
    assertThat(district.contains(commune)).isTrue();
    assertThat(district.contains(district)).isTrue();
    assertThat(commune.contains(district)).isFalse();
    assertThat(otherDistrict.contains(commune)).isFalse();
    assertThat(OrganId.of("000.00.00.H41").contains(commune)).isFalse();
  }

  @Test
  void equalityIsByText() {
    assertThat(OrganId.of("000.00.31.H49")).isEqualTo(OrganId.of("000.00.31.H49"))
        .hasSameHashCodeAs(OrganId.of("000.00.31.H49"));
    assertThat(OrganId.of("000.05.31.H49").parent()).contains(OrganId.of("000.00.31.H49"));
  }
}
