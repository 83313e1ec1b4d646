package vn.lienthong.bench.hub;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.pki.UnitSpec;
import vn.lienthong.sample.services.SampleCaServer;
import vn.lienthong.sample.units.SampleUnit;
import vn.lienthong.sample.units.SampleUnits;
import vn.lienthong.server.Hub;
import vn.lienthong.server.HubConfig;
import vn.lienthong.server.TlsMaterial;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.evidence.EvidenceSetup;
import vn.lienthong.server.registry.Registry;
import vn.lienthong.server.registry.UnitData;
import vn.lienthong.server.store.Database;

/**
 * The hub the generator drives: started in this JVM through the hub's public API ({@link Hub#start},
 * a fresh ECDSA P-256 sample PKI with as many unit certificates as needed, the 970 sample units,
 * receipts sealed with the PKI's {@code hub-seal} and time-stamped by its sample TSA unless
 * {@code --evidence=off},
 * H2 in a temporary directory or a fresh PostgreSQL database), or an external hub in demo mode
 * (the committed demo PKI and its units).
 */
final class HubUnderTest implements AutoCloseable {

  private final String address;
  private final SamplePki pki;
  private final List<String> units;
  private final Hub hub;
  private final SampleCaServer ca;
  private final Runnable dropDatabase;

  private HubUnderTest(String address, SamplePki pki, List<String> units, Hub hub, SampleCaServer ca,
      Runnable dropDatabase) {
    this.address = address;
    this.pki = pki;
    this.units = List.copyOf(units);
    this.hub = hub;
    this.ca = ca;
    this.dropDatabase = dropDatabase;
  }

  static HubUnderTest start(LoadOptions o, Path dir, Clock clock) throws IOException {
    if (o.hubUrl() != null) {
      SamplePki demo = SamplePki.demo();
      SampleCaServer ca = null;
      try {
        ca = SampleCaServer.start(demo, clock); // the PDF's signature asks OCSP; the demo hub may run these already
      } catch (IOException busy) {
        // the external demo hub's CA services answer on the demo port
      }
      return new HubUnderTest(o.hubUrl(), demo, DemoSet.units().stream().map(UnitSpec::organId).toList(), null, ca,
          () -> { });
    }
    List<UnitSpec> specs = unitSpecs(Math.max(o.units(), DemoSet.units().size()));
    SampleCaServer ca = SampleCaServer.bind(0, clock);
    SamplePki pki = DemoSet.generator(KeyKind.EC_P256, ca.urls()).clock(clock).units(specs).build().generate();
    ca.start(pki);
    String jdbc = o.jdbcUrl();
    Runnable drop = () -> { };
    if (o.pgAdminUrl() != null) {
      String name = "bench_" + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
      sql(o, o.pgAdminUrl(), "CREATE DATABASE " + name);
      jdbc = o.pgAdminUrl().substring(0, o.pgAdminUrl().lastIndexOf('/') + 1) + name;
      drop = () -> sql(o, o.pgAdminUrl(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
    HubConfig config = HubConfig.builder().port(0).dataDir(dir.resolve("hub")).demo(false)
        .database(jdbc, jdbc == null ? null : o.jdbcUser(), jdbc == null ? null : o.jdbcPassword())
        .administrators(Set.of(OrganId.of(DemoSet.PROVINCE))).lease(Duration.ofMinutes(5)).maxEnvelopeBytes(1L << 30)
        .build();
    Credential tls = pki.credential(SamplePki.HUB_TLS);
    Credential seal = pki.credential(SamplePki.HUB_SEAL);
    EvidenceSetup evidence = o.evidence() ? new EvidenceSetup(seal.privateKey(), seal.chain(), ca.urls().tsa()) : null;
    Hub hub = Hub.start(config, new TlsMaterial(tls.privateKey(), tls.chain(), pki.trustAnchors()), clock,
        new SecureRandom(), EvidenceHook.NONE, evidence);
    Registry registry = hub.registry();
    registry.registerAll(SampleUnits.load().stream().map(u -> new UnitData(OrganId.of(u.organId()),
        u.parent().map(OrganId::of).orElse(null), u.name(), u.kind().name(), u.email(), u.telephone(), "",
        u.address())).toList());
    for (UnitSpec u : specs) {
      registry.addCertificate(OrganId.of(u.organId()), Registry.encoded(pki.system(u.organId()).certificate()));
    }
    return new HubUnderTest(hub.address(), pki, specs.stream().map(UnitSpec::organId).toList(), hub, ca, drop);
  }

  /** The demo units, then communes of Hạ Long and Móng Cái, up to {@code count}. */
  private static List<UnitSpec> unitSpecs(int count) {
    List<UnitSpec> specs = new ArrayList<>(DemoSet.units());
    for (SampleUnit u : SampleUnits.load()) {
      if (specs.size() >= count) {
        break;
      }
      boolean taken = specs.stream().anyMatch(s -> s.organId().equals(u.organId()));
      boolean commune = u.parentId().equals(DemoSet.HA_LONG) || u.parentId().equals(DemoSet.MONG_CAI);
      if (!taken && commune) {
        specs.add(new UnitSpec(u.organId(), u.name()));
      }
    }
    return specs;
  }

  private static void sql(LoadOptions o, String url, String statement) {
    try (Connection c = DriverManager.getConnection(url, o.jdbcUser(), o.jdbcPassword());
        Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(statement + ": " + e.getMessage(), e);
    }
  }

  String address() {
    return address;
  }

  SamplePki pki() {
    return pki;
  }

  /** The units with a system certificate the hub knows, the province first. */
  List<String> units() {
    return units;
  }

  boolean inProcess() {
    return hub != null;
  }

  /** The database of the hub in this process. */
  Database database() {
    if (hub == null) {
      throw new IllegalStateException("the hub runs in another process");
    }
    return hub.database();
  }

  @Override
  public void close() {
    try {
      if (hub != null) {
        hub.close();
      }
      if (ca != null) {
        ca.close();
      }
    } finally {
      dropDatabase.run();
    }
  }
}
