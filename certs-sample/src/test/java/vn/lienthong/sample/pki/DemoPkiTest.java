package vn.lienthong.sample.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.interfaces.RSAPublicKey;
import java.util.Date;
import org.junit.jupiter.api.Test;
import vn.lienthong.sample.units.SampleUnit;
import vn.lienthong.sample.units.SampleUnits;

/** The committed demo set: what the demo and other modules' tests rely on. */
class DemoPkiTest {

  private final SamplePki demo = SamplePki.demo();

  @Test
  void everyDemoUnitHasASystemAndASealCertificateNamingIt() {
    assertThat(SampleUnits.demoUnits()).hasSizeGreaterThanOrEqualTo(8);
    for (SampleUnit unit : SampleUnits.demoUnits()) {
      assertThat(demo.seal(unit.organId()).role()).isEqualTo(CertRole.UNIT_SEAL);
      assertThat(SamplePki.organIdOf(demo.seal(unit.organId()).certificate())).contains(unit.organId());
      assertThat(SamplePki.organIdOf(demo.system(unit.organId()).certificate())).contains(unit.organId());
      assertThat(demo.seal(unit.organId()).certificate().getSubjectX500Principal().getName())
          .contains(unit.name());
    }
  }

  @Test
  void theDemoSetIsRsa2048ServedOnTheDemoPortAndHoldsEverySigner() {
    assertThat(demo.urls()).isEqualTo(CaUrls.loopback(CaUrls.DEMO_PORT));
    for (Credential c : demo.credentials()) {
      if (!c.alias().equals(SamplePki.BAD_RSA_1024)) {
        assertThat(((RSAPublicKey) c.certificate().getPublicKey()).getModulus().bitLength())
            .as(c.alias()).isEqualTo(2048);
      }
    }
    for (PersonSpec person : DemoSet.persons()) {
      assertThat(demo.credential(person.alias()).role()).isEqualTo(CertRole.PERSON);
    }
    assertThat(demo.revocations()).containsOnlyKeys(SamplePki.BAD_REVOKED);
  }

  @Test
  void theDemoChainsAreValidNowWithTheJdkValidator() throws Exception {
    PkiGeneratorTestSupport.validate(demo, demo.seal(DemoSet.PROVINCE).chain(), new Date());
    PkiGeneratorTestSupport.validate(demo, demo.credential(DemoSet.HOME_AFFAIRS_DIRECTOR).chain(),
        new Date());
    PkiGeneratorTestSupport.validate(demo, demo.credential(SamplePki.HUB_TLS).chain(), new Date());
  }
}
