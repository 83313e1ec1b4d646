package vn.lienthong.sample.pki;

import java.util.List;
import vn.lienthong.sample.units.SampleUnit;
import vn.lienthong.sample.units.SampleUnits;

/**
 * What the demo PKI holds: a system and a seal certificate for each demo unit of the sample
 * registry, and the persons who sign for them. {@link SamplePki#demo()} is this set, generated
 * once with RSA-2048 and committed.
 */
public final class DemoSet {

  /** Ủy ban nhân dân tỉnh Quảng Ninh. */
  public static final String PROVINCE = "000.00.00.H49";
  /** Hội đồng nhân dân tỉnh Quảng Ninh. */
  public static final String PROVINCE_COUNCIL = "000.00.01.H49";
  /** Sở Nội vụ. */
  public static final String HOME_AFFAIRS = "000.00.03.H49";
  /** Sở Tài chính. */
  public static final String FINANCE = "000.00.04.H49";
  /** Ủy ban nhân dân thành phố Hạ Long. */
  public static final String HA_LONG = "000.00.31.H49";
  /** Ủy ban nhân dân thành phố Móng Cái. */
  public static final String MONG_CAI = "000.00.32.H49";

  public static final String CHAIRMAN = "person-chairman";
  public static final String VICE_CHAIRMAN = "person-vice-chairman";
  public static final String HA_LONG_CHAIRMAN = "person-chairman-ha-long";
  public static final String MONG_CAI_CHAIRMAN = "person-chairman-mong-cai";
  public static final String HOME_AFFAIRS_DIRECTOR = "person-director-home-affairs";
  public static final String FINANCE_DIRECTOR = "person-director-finance";

  private DemoSet() {}

  /** The demo units of the sample registry, as the generator wants them. */
  public static List<UnitSpec> units() {
    return SampleUnits.demoUnits().stream()
        .map(u -> new UnitSpec(u.organId(), u.name()))
        .toList();
  }

  /** The signers: the province's chairman and vice-chairman, two city chairmen, two directors. */
  public static List<PersonSpec> persons() {
    return List.of(
        person(CHAIRMAN, "Phạm Văn Mẫu", "Chủ tịch Ủy ban nhân dân tỉnh", PROVINCE,
            "022080000101", false),
        person(VICE_CHAIRMAN, "Trần Thị Mẫu", "Phó Chủ tịch Ủy ban nhân dân tỉnh", PROVINCE,
            "022180000102", false),
        person(HA_LONG_CHAIRMAN, "Nguyễn Văn Mẫu", "Chủ tịch Ủy ban nhân dân thành phố Hạ Long",
            HA_LONG, "022080000103", false),
        person(MONG_CAI_CHAIRMAN, "Vũ Thị Mẫu", "Chủ tịch Ủy ban nhân dân thành phố Móng Cái",
            MONG_CAI, "022180000104", false),
        person(HOME_AFFAIRS_DIRECTOR, "Lê Thị Mẫu", "Giám đốc Sở Nội vụ", HOME_AFFAIRS,
            "022180000105", true),
        person(FINANCE_DIRECTOR, "Hoàng Văn Mẫu", "Giám đốc Sở Tài chính", FINANCE,
            "022080000106", true));
  }

  /** A generator of the demo set, with the given key type and service URLs. */
  public static PkiGenerator.Builder generator(KeyKind keyKind, CaUrls urls) {
    return PkiGenerator.builder().keyKind(keyKind).urls(urls).units(units()).persons(persons());
  }

  private static PersonSpec person(String alias, String name, String title, String organId,
      String citizenId, boolean publicCa) {
    SampleUnit unit = SampleUnits.byId().get(organId);
    return new PersonSpec(alias, name, title, organId, unit.name(), citizenId, publicCa);
  }
}
