package vn.lienthong.server.support;

import java.util.List;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.units.SampleUnits;
import vn.lienthong.server.registry.Registry;
import vn.lienthong.server.registry.UnitData;

/** Loads the 970 sample units and the test PKI's system certificates into a registry. */
public final class Units {

  private Units() {}

  public static List<UnitData> sample() {
    return SampleUnits.load().stream().map(u -> new UnitData(OrganId.of(u.organId()),
        u.parent().map(OrganId::of).orElse(null), u.name(), u.kind().name(), u.email(), u.telephone(), "",
        u.address())).toList();
  }

  /** A unit of the test PKI whose certificate {@link #load} does not register (for the AddUnitCertificate test). */
  public static final String UNREGISTERED = "000.00.11.H49";

  public static void load(Registry registry) {
    registry.registerAll(sample());
    for (String unit : TestPki.UNITS) {
      if (unit.equals(UNREGISTERED)) {
        continue;
      }
      registry.addCertificate(OrganId.of(unit), Registry.encoded(TestPki.PKI.system(unit).certificate()));
    }
  }
}
