package vn.lienthong.sample.pki;

import java.time.Clock;
import java.util.List;

/** Small PKIs for tests: two units, two persons, ECDSA P-256, services at the given URLs. */
public final class TestPkis {

  public static final String PROVINCE = "000.00.00.H49";
  public static final String DEPARTMENT = "000.00.02.H49";

  private TestPkis() {}

  public static SamplePki small(CaUrls urls, Clock clock) {
    return PkiGenerator.builder()
        .clock(clock)
        .urls(urls)
        .units(List.of(
            new UnitSpec(PROVINCE, "Ủy ban nhân dân tỉnh Quảng Ninh"),
            new UnitSpec(DEPARTMENT, "Sở Nội vụ tỉnh Quảng Ninh")))
        .persons(List.of(
            new PersonSpec("person-chairman", "Phạm Văn Mẫu", "Chủ tịch Ủy ban nhân dân tỉnh",
                PROVINCE, "Ủy ban nhân dân tỉnh Quảng Ninh", "022080000001", false),
            new PersonSpec("person-director", "Nguyễn Thị Mẫu", "Giám đốc Sở Nội vụ",
                DEPARTMENT, "Sở Nội vụ tỉnh Quảng Ninh", "022180000002", true)))
        .build()
        .generate();
  }
}
