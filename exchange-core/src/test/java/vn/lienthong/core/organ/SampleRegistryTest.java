package vn.lienthong.core.organ;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.lienthong.sample.units.SampleUnit;
import vn.lienthong.sample.units.SampleUnits;

/** The sample registry's codes are standard OrganIds, and its parent links are the OrganId tree. */
class SampleRegistryTest {

  private static final List<SampleUnit> UNITS = SampleUnits.load();

  @Test
  void everyOrganIdIsStandardUnderQuangNinh() {
    assertThat(UNITS).isNotEmpty().allSatisfy(unit -> {
      OrganId id = OrganId.of(unit.organId());
      assertThat(id.isStandard()).as(unit.organId()).isTrue();
      assertThat(id.levelCode(1)).as(unit.organId()).isEqualTo("H49");
      assertThat(id.value()).isEqualTo(unit.organId());
    });
  }

  @Test
  void everyParentIdIsTheParentTheOrganIdImplies() {
    assertThat(UNITS).allSatisfy(unit -> {
      Optional<String> implied = OrganId.of(unit.organId()).parent().map(OrganId::value);
      assertThat(implied).as("parent of %s", unit.organId()).isEqualTo(unit.parent());
    });
  }

  @Test
  void everyUnitLiesInTheProvincesSubtreeOneLevelBelowItsParent() {
    OrganId root = OrganId.of("000.00.00.H49");
    assertThat(UNITS).allSatisfy(unit -> {
      OrganId id = OrganId.of(unit.organId());
      assertThat(root.contains(id)).as(unit.organId()).isTrue();
      unit.parent().map(OrganId::of).ifPresent(parent -> {
        assertThat(parent.contains(id)).as(unit.organId()).isTrue();
        assertThat(id.level()).as(unit.organId()).isEqualTo(parent.level() + 1);
      });
    });
  }

  @Test
  void theRegistrySpansAllFourLevels() {
    assertThat(UNITS.stream().map(u -> OrganId.of(u.organId()).level()).distinct())
        .containsExactlyInAnyOrder(1, 2, 3, 4);
  }
}
