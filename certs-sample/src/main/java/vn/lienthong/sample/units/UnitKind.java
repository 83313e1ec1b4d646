package vn.lienthong.sample.units;

/** What kind of body a {@link SampleUnit} is; the names appear as they are in the data file. */
public enum UnitKind {
  /** The provincial People's Committee (Ủy ban nhân dân tỉnh), the root of the registry. */
  PROVINCE_COMMITTEE,
  /** The provincial People's Council (Hội đồng nhân dân tỉnh). */
  PROVINCE_COUNCIL,
  /** An agency of the provincial committee: a Sở, the Văn phòng, the Thanh tra tỉnh, a Ban. */
  DEPARTMENT,
  /** An administrative unit under a department or the council: a Chi cục, a Ban. */
  SUB_DEPARTMENT,
  /** The People's Committee of a city, town or district (district-level locality). */
  DISTRICT_COMMITTEE,
  /** An office of a district-level committee: a Phòng, its Văn phòng, its Thanh tra. */
  DISTRICT_DEPARTMENT,
  /** The People's Committee of a rural commune (xã). */
  COMMUNE,
  /** The People's Committee of an urban ward (phường). */
  WARD,
  /** The People's Committee of a township (thị trấn). */
  TOWNSHIP,
  /** A school, from kindergarten to university. */
  SCHOOL,
  /** A hospital. */
  HOSPITAL,
  /** A district-level health centre (Trung tâm Y tế). */
  HEALTH_CENTRE,
  /** A commune, ward or township health station (Trạm Y tế). */
  HEALTH_STATION,
  /** Any other public service unit (đơn vị sự nghiệp công lập): centres, boards, museums. */
  PUBLIC_SERVICE_UNIT
}
