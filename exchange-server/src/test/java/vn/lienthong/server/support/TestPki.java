package vn.lienthong.server.support;

import java.util.ArrayList;
import java.util.List;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.pki.UnitSpec;
import vn.lienthong.sample.services.SampleCaServer;
import vn.lienthong.sample.units.SampleUnit;
import vn.lienthong.sample.units.SampleUnits;

/**
 * A freshly generated sample PKI (ECDSA P-256, fast) shared by the tests of one JVM: the demo
 * units plus enough communes of Hạ Long and Móng Cái to have 24 units with system certificates.
 */
public final class TestPki {

  /** The units with certificates: the demo units first. */
  public static final List<String> UNITS;
  /** The PKI. */
  public static final SamplePki PKI;
  /**
   * Its CA services (OCSP, TSA, CRLs) on a free loopback port, up for the whole JVM: the hub checks
   * the revocation of PDF signers online. A test that takes a service down brings it back.
   */
  public static final SampleCaServer SERVICES;

  static {
    List<UnitSpec> specs = new ArrayList<>(DemoSet.units());
    for (SampleUnit u : SampleUnits.load()) {
      if (specs.size() >= 24) {
        break;
      }
      boolean commune = u.parentId().equals("000.00.31.H49") || u.parentId().equals("000.00.32.H49");
      if (commune && specs.stream().noneMatch(s -> s.organId().equals(u.organId()))) {
        specs.add(new UnitSpec(u.organId(), u.name()));
      }
    }
    UNITS = specs.stream().map(UnitSpec::organId).toList();
    try {
      SERVICES = SampleCaServer.bind(0, java.time.Clock.systemUTC());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    PKI = DemoSet.generator(KeyKind.EC_P256, SERVICES.urls()).units(specs).build().generate();
    SERVICES.start(PKI);
  }

  private TestPki() {}
}
