package vn.lienthong.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.server.support.Calls.assertFault;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.server.api.ws.*;
import vn.lienthong.server.support.HubClient;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.TestPki;
import vn.lienthong.server.support.Units;

/** The directory operations over HTTPS: reading, incremental sync, and the administrator's changes. */
abstract class RegistryApiTest {

  @TempDir Path dir;
  HubFixture hub;
  ExchangePortType admin;

  abstract HubFixture start(Path dataDir);

  @BeforeEach
  void start() {
    hub = start(dir.resolve("hub"));
    admin = hub.client(HubFixture.ADMIN);
  }

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  static UnitData data(String organId, String name) {
    UnitData d = new UnitData();
    d.setOrganId(organId);
    d.setName(name);
    d.setEmail("vanthu@example.gov.vn");
    d.setKind("DISTRICT_COMMITTEE");
    return d;
  }

  GetUnitsResponse units(long since) throws ExchangeFault {
    GetUnitsRequest r = new GetUnitsRequest();
    r.setSinceVersion(since);
    return hub.client(DemoSet.HA_LONG).getUnits(r);
  }

  @Test
  void everyUnitReadsTheWholeDirectoryThenOnlyWhatChanged() throws Exception {
    GetUnitsResponse all = units(0);
    assertThat(all.getUnit()).hasSize(970);
    assertThat(units(all.getVersion()).getUnit()).isEmpty();

    RegisterUnitRequest register = new RegisterUnitRequest();
    register.setData(data("000.00.44.H49", "Ủy ban nhân dân đặc khu mới"));
    Unit created = admin.registerUnit(register).getUnit();
    assertThat(created.getData().getParentId()).isEqualTo(DemoSet.PROVINCE);
    assertThat(created.isActive()).isTrue();
    GetUnitsResponse afterRegister = units(all.getVersion());
    assertThat(afterRegister.getUnit()).extracting(u -> u.getData().getOrganId()).containsExactly("000.00.44.H49");

    UpdateUnitRequest update = new UpdateUnitRequest();
    update.setData(data("000.00.44.H49", "Ủy ban nhân dân đặc khu Vân Đồn"));
    admin.updateUnit(update);
    DeactivateUnitRequest deactivate = new DeactivateUnitRequest();
    deactivate.setOrganId(DemoSet.MONG_CAI);
    admin.deactivateUnit(deactivate);
    GetUnitsResponse changes = units(afterRegister.getVersion());
    assertThat(changes.getUnit()).extracting(u -> u.getData().getOrganId()).containsExactly("000.00.32.H49",
        "000.00.44.H49");
    assertThat(changes.getUnit().get(0).isActive()).isFalse();
    assertThat(changes.getUnit().get(1).getData().getName()).isEqualTo("Ủy ban nhân dân đặc khu Vân Đồn");

    assertFault(FaultCode.UNIT_EXISTS, () -> admin.registerUnit(register));
    UpdateUnitRequest unknown = new UpdateUnitRequest();
    unknown.setData(data("000.00.45.H49", "Không có"));
    assertFault(FaultCode.UNKNOWN_UNIT, () -> admin.updateUnit(unknown));
  }

  @Test
  void aUnitReadsAnotherUnitWithItsCertificates() throws Exception {
    GetUnitRequest r = new GetUnitRequest();
    r.setOrganId(DemoSet.FINANCE);
    Unit finance = hub.client(DemoSet.HA_LONG).getUnit(r).getUnit();
    assertThat(finance.getData().getName()).isEqualTo("Sở Tài chính");
    assertThat(finance.getCertificate()).singleElement().satisfies(c -> {
      assertThat(c.getDer()).isEqualTo(TestPki.PKI.system(DemoSet.FINANCE).certificate().getEncoded());
      assertThat(c.isRevoked()).isFalse();
    });
    r.setOrganId("999.99.99.H49");
    assertFault(FaultCode.UNKNOWN_UNIT, () -> hub.client(DemoSet.HA_LONG).getUnit(r));
  }

  @Test
  void aCertificateAddedByTheAdministratorLetsTheUnitInAndRevokingItShutsTheUnitOut() throws Exception {
    ExchangePortType health = HubClient.of(hub.hub().address(), Units.UNREGISTERED);
    GetPendingMessagesRequest poll = new GetPendingMessagesRequest();
    assertFault(FaultCode.NOT_AUTHENTICATED, () -> health.getPendingMessages(poll));

    AddUnitCertificateRequest add = new AddUnitCertificateRequest();
    add.setOrganId(Units.UNREGISTERED);
    add.setCertificate(TestPki.PKI.system(Units.UNREGISTERED).certificate().getEncoded());
    Unit unit = admin.addUnitCertificate(add).getUnit();
    assertThat(health.getPendingMessages(poll).getMessage()).isEmpty();

    RevokeUnitCertificateRequest revoke = new RevokeUnitCertificateRequest();
    revoke.setOrganId(Units.UNREGISTERED);
    revoke.setSha256(unit.getCertificate().get(0).getSha256());
    Unit revoked = admin.revokeUnitCertificate(revoke).getUnit();
    assertThat(revoked.getCertificate().get(0).isRevoked()).isTrue();
    assertFault(FaultCode.NOT_AUTHENTICATED, () -> health.getPendingMessages(poll));
    // revoking again changes nothing: not the directory's version (clients would sync the unit again)
    long version = units(0).getVersion();
    assertThat(admin.revokeUnitCertificate(revoke).getUnit().getCertificate().get(0).isRevoked()).isTrue();
    assertThat(units(0).getVersion()).isEqualTo(version);
  }

  UnitData data(String organId, String parentId, String name) {
    UnitData d = data(organId, name);
    d.setParentId(parentId);
    return d;
  }

  Unit register(UnitData d) throws ExchangeFault {
    RegisterUnitRequest r = new RegisterUnitRequest();
    r.setData(d);
    return admin.registerUnit(r).getUnit();
  }

  @Test
  void theTreeStaysATreeOfRegisteredUnits() throws Exception {
    long version = units(0).getVersion();
    // the derived parent 000.00.99.H49 is not registered, nor is an explicit one
    assertThat(assertFault(FaultCode.UNKNOWN_UNIT, () -> register(data("000.05.99.H49", null, "Xã mới"))).getField())
        .isEqualTo("Data/ParentId");
    assertFault(FaultCode.UNKNOWN_UNIT, () -> register(data("vxp.saas.c", "vxp.saas.none", "Hệ thống C")));
    // a unit cannot move under its own descendant: subtree routing would walk for ever
    register(data("vxp.saas.a", null, "Hệ thống A"));
    register(data("vxp.saas.b", "vxp.saas.a", "Hệ thống B"));
    UpdateUnitRequest cycle = new UpdateUnitRequest();
    cycle.setData(data("vxp.saas.a", "vxp.saas.b", "Hệ thống A"));
    assertThat(assertFault(FaultCode.INVALID_REQUEST, () -> admin.updateUnit(cycle)).getField())
        .isEqualTo("Data/ParentId");
    // the same code in other letter case is the same unit
    assertThat(assertFault(FaultCode.UNIT_EXISTS, () -> register(data("000.00.31.h49", null, "Ủy ban Hạ Long"))
        ).getMessage()).contains(DemoSet.HA_LONG);
    assertThat(units(version).getUnit()).extracting(u -> u.getData().getOrganId())
        .containsExactly("vxp.saas.a", "vxp.saas.b");
  }

  @Test
  void aFieldLongerThanTheRegistryStoresIsAnInvalidRequestNamingIt() {
    UnitData d = data("000.00.46.H49", "Ủy ban nhân dân đặc khu mới");
    d.setKind("DISTRICT_LEVEL_SPECIAL_ADMINISTRATIVE_ZONE");   // 42 characters, the column holds 40
    assertThat(assertFault(FaultCode.INVALID_REQUEST, () -> register(d)).getMessage()).contains("Kind has 42 characters");
    d.setKind("DISTRICT");
    d.setAddress("x".repeat(501));
    assertThat(assertFault(FaultCode.INVALID_REQUEST, () -> register(d)).getMessage()).contains("Address");
  }

  @Test
  void aCertificateNamingAnotherUnitIsRefused() {
    AddUnitCertificateRequest add = new AddUnitCertificateRequest();
    add.setOrganId(DemoSet.PROVINCE_COUNCIL);
    add.setCertificate(encoded(DemoSet.HA_LONG));
    assertFault(FaultCode.INVALID_CERTIFICATE, () -> admin.addUnitCertificate(add));
    add.setCertificate(new byte[] {1, 2, 3});
    assertFault(FaultCode.INVALID_CERTIFICATE, () -> admin.addUnitCertificate(add));
  }

  @Test
  void onlyAdministratorsChangeTheDirectory() {
    ExchangePortType unit = hub.client(DemoSet.HA_LONG);
    RegisterUnitRequest register = new RegisterUnitRequest();
    register.setData(data("000.00.44.H49", "X"));
    assertFault(FaultCode.NOT_AUTHORIZED, () -> unit.registerUnit(register));
    DeactivateUnitRequest deactivate = new DeactivateUnitRequest();
    deactivate.setOrganId(DemoSet.MONG_CAI);
    assertFault(FaultCode.NOT_AUTHORIZED, () -> unit.deactivateUnit(deactivate));
    AddUnitCertificateRequest add = new AddUnitCertificateRequest();
    add.setOrganId(DemoSet.HA_LONG);
    add.setCertificate(encoded(DemoSet.HA_LONG));
    assertFault(FaultCode.NOT_AUTHORIZED, () -> unit.addUnitCertificate(add));
  }

  @Test
  void aClientWithoutATrustedCertificateIsStoppedByTls() {
    ExchangePortType rogue = HubClient.connect(hub.hub().address(), TestPki.PKI.credential(SamplePki.BAD_UNTRUSTED),
        TestPki.PKI.trustAnchors());
    assertThatThrownBy(() -> rogue.getUnits(new GetUnitsRequest())).isNotInstanceOf(ExchangeFault.class);
    ExchangePortType anonymous = HubClient.connect(hub.hub().address(), null, TestPki.PKI.trustAnchors());
    assertThatThrownBy(() -> anonymous.getUnits(new GetUnitsRequest())).isNotInstanceOf(ExchangeFault.class);
  }

  static byte[] encoded(String unit) {
    try {
      return TestPki.PKI.system(unit).certificate().getEncoded();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
