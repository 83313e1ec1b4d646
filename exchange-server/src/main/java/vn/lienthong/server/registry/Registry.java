package vn.lienthong.server.registry;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.audit.AuditChain;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.Sql;

/**
 * The directory of units: who they are, where they sit in the tree, their certificates and the
 * named groups administrators define. Every change takes the next registry version (a counter
 * row locked for the transaction, so versions commit in order even with several hub processes),
 * which is what incremental sync ({@link #changesSince}) reads.
 */
public final class Registry {

  static final String UNIT_COLUMNS =
      "organ_id, parent_id, name, kind, email, telephone, fax, address, active, version";

  private final Database db;
  private final Clock clock;

  public Registry(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private void changed(Connection c, String action, OrganId unit, String detail) throws SQLException {
    AuditChain.append(c, clock.instant(), "hub", action, null, unit.value() + (detail.isEmpty() ? "" : " " + detail));
  }

  /**
   * Registers a new unit under a registered parent.
   *
   * @throws HubException UNIT_EXISTS (also for the same OrganId in other letter case), UNKNOWN_UNIT
   *     (the parent)
   */
  public Unit register(UnitData data) {
    Objects.requireNonNull(data, "data");
    db.inTransaction(c -> {
      long version = nextVersion(c);
      Optional<String> existing = Placement.existing(c, data.organId());
      if (existing.isPresent()) {
        throw new HubException(HubError.UNIT_EXISTS, "Đơn vị " + existing.get() + " đã có / already registered",
            "OrganId");
      }
      insert(c, List.of(data), version);
      Placement.check(c, data);
      changed(c, "REGISTRY_REGISTER", data.organId(), data.name());
      return null;
    });
    return require(data.organId());
  }

  /**
   * Registers many units at once (one version), skipping those already present; for loading a
   * directory. Each parent must be registered or among {@code units}; all or none are registered.
   */
  public int registerAll(Collection<UnitData> units) {
    return db.inTransaction(c -> {
      long version = nextVersion(c);
      List<UnitData> fresh = new ArrayList<>();
      for (UnitData u : units) {
        Optional<String> existing = Placement.existing(c, u.organId());
        if (existing.isEmpty()) {
          fresh.add(u);
        } else if (!existing.get().equals(u.organId().value())) {
          throw new HubException(HubError.UNIT_EXISTS, "Đơn vị " + existing.get() + " đã có / already registered",
              "OrganId");
        }
      }
      insert(c, fresh, version);
      for (UnitData u : fresh) {
        Placement.check(c, u);
      }
      if (!fresh.isEmpty()) {
        changed(c, "REGISTRY_REGISTER", OrganId.of("hub"), fresh.size() + " units: "
            + fresh.stream().map(u -> u.organId().value()).collect(java.util.stream.Collectors.joining(",")));
      }
      return fresh.size();
    });
  }

  /**
   * Changes a unit's name, parent and contact data.
   *
   * @throws HubException UNKNOWN_UNIT (the unit or its new parent), INVALID_REQUEST (the new parent
   *     is under the unit)
   */
  public Unit update(UnitData data) {
    Objects.requireNonNull(data, "data");
    db.inTransaction(c -> {
      long version = nextVersion(c);
      Placement.check(c, data);
      try (PreparedStatement ps = c.prepareStatement("UPDATE unit SET parent_id = ?, name = ?, kind = ?, "
          + "email = ?, telephone = ?, fax = ?, address = ?, version = ?, updated_at = ? WHERE organ_id = ?")) {
        ps.setString(1, data.parentId() == null ? null : data.parentId().value());
        ps.setString(2, data.name());
        ps.setString(3, data.kind());
        ps.setString(4, data.email());
        ps.setString(5, data.telephone());
        ps.setString(6, data.fax());
        ps.setString(7, data.address());
        ps.setLong(8, version);
        Sql.setInstant(ps, 9, clock.instant());
        ps.setString(10, data.organId().value());
        requireOne(ps.executeUpdate(), data.organId());
      }
      changed(c, "REGISTRY_UPDATE", data.organId(), data.name() + ", parent " + data.parentId());
      return null;
    });
    return require(data.organId());
  }

  /** Deactivates a unit: it can no longer send, and nothing more is routed to it. */
  public Unit deactivate(OrganId organId) {
    db.inTransaction(c -> {
      long version = nextVersion(c);
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE unit SET active = FALSE, version = ?, updated_at = ? WHERE organ_id = ?")) {
        ps.setLong(1, version);
        Sql.setInstant(ps, 2, clock.instant());
        ps.setString(3, organId.value());
        requireOne(ps.executeUpdate(), organId);
      }
      changed(c, "REGISTRY_DEACTIVATE", organId, "");
      return null;
    });
    return require(organId);
  }

  /**
   * Registers a certificate (DER) for a unit. When the certificate names an OrganId in its
   * subject ({@code UID=ORGANID:…}) it must be this unit's, and it must be fit for a system
   * certificate ({@link SystemCertificates}); it may be expired or not yet valid (a renewal
   * registered ahead), which the TLS layer decides at each call.
   */
  public Unit addCertificate(OrganId organId, byte[] der) {
    X509Certificate cert = parse(der);
    Optional<String> named = CertificateNames.organIdOf(cert);
    if (named.isPresent() && !named.get().equals(organId.value())) {
      throw new HubException(HubError.INVALID_CERTIFICATE, "Chứng thư cấp cho " + named.get()
          + ", không phải " + organId + " / the certificate names another unit", "Certificate");
    }
    Optional<String> unfit = SystemCertificates.unfit(cert, clock.instant());
    if (unfit.isPresent()) {
      throw new HubException(HubError.INVALID_CERTIFICATE, "Chứng thư không dùng được làm chứng thư hệ thống của "
          + "đơn vị / the certificate cannot serve as a unit's system certificate: " + unfit.get(), "Certificate");
    }
    String sha = sha256(der);
    db.inTransaction(c -> {
      long version = nextVersion(c);
      if (!Placement.exists(c, organId)) {
        throw unknown(organId);
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO unit_certificate (sha256, organ_id, subject, "
          + "not_after, der, revoked, added_at) VALUES (?, ?, ?, ?, ?, FALSE, ?)")) {
        ps.setString(1, sha);
        ps.setString(2, organId.value());
        ps.setString(3, cert.getSubjectX500Principal().getName());
        Sql.setInstant(ps, 4, cert.getNotAfter().toInstant());
        ps.setBytes(5, der);
        Sql.setInstant(ps, 6, clock.instant());
        ps.executeUpdate();
      } catch (SQLException e) {
        if (!Database.isUniqueViolation(e)) {
          throw e;
        }
        throw new HubException(HubError.INVALID_CERTIFICATE,
            "Chứng thư đã được đăng ký / the certificate is already registered", "Certificate");
      }
      touch(c, organId, version);
      changed(c, "REGISTRY_CERT_ADD", organId, sha + " " + cert.getSubjectX500Principal().getName());
      return null;
    });
    return require(organId);
  }

  /** Revokes a unit's certificate named by its SHA-256: the unit can no longer use it. */
  public Unit revokeCertificate(OrganId organId, String sha256) {
    db.inTransaction(c -> {
      Boolean revoked = CertificateRows.revokedState(c, organId, sha256.toLowerCase(java.util.Locale.ROOT));
      if (revoked == null) {
        throw new HubException(HubError.INVALID_CERTIFICATE,
            "Đơn vị " + organId + " không có chứng thư này / no such certificate for the unit", "Sha256");
      }
      if (revoked) {
        return null; // revoked before: keep when, and take no new version
      }
      long version = nextVersion(c);
      try (PreparedStatement ps = c.prepareStatement("UPDATE unit_certificate SET revoked = TRUE, revoked_at = ? "
          + "WHERE organ_id = ? AND sha256 = ?")) {
        Sql.setInstant(ps, 1, clock.instant());
        ps.setString(2, organId.value());
        ps.setString(3, sha256.toLowerCase(java.util.Locale.ROOT));
        ps.executeUpdate();
      }
      touch(c, organId, version);
      changed(c, "REGISTRY_CERT_REVOKE", organId, sha256);
      return null;
    });
    return require(organId);
  }

  /** A unit with its certificates. */
  public Optional<Unit> find(OrganId organId) {
    return db.autoCommit(c -> {
      List<Unit> found = query(c, "SELECT " + UNIT_COLUMNS + " FROM unit WHERE organ_id = ?",
          ps -> ps.setString(1, organId.value()));
      if (found.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Unit(found.get(0).data(), found.get(0).active(), found.get(0).version(),
          CertificateRows.of(c, organId)));
    });
  }

  /** A unit with its certificates. @throws HubException UNKNOWN_UNIT */
  public Unit require(OrganId organId) {
    return find(organId).orElseThrow(() -> unknown(organId));
  }

  /** Units changed after {@code sinceVersion} (0: all), with their certificates. */
  public UnitChanges changesSince(long sinceVersion) {
    return db.inTransaction(c -> {
      long current;
      try (PreparedStatement ps = c.prepareStatement("SELECT next_value FROM hub_counter WHERE name = 'registry'");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        current = rs.getLong(1);
      }
      List<Unit> units = query(c, "SELECT " + UNIT_COLUMNS + " FROM unit WHERE version > ? AND version <= ? "
          + "ORDER BY organ_id", ps -> {
            ps.setLong(1, sinceVersion);
            ps.setLong(2, current);
          });
      Map<String, List<UnitCertificate>> certs = CertificateRows.all(c);
      List<Unit> withCerts = units.stream().map(u -> new Unit(u.data(), u.active(), u.version(),
          certs.getOrDefault(u.data().organId().value(), List.of()))).toList();
      return new UnitChanges(current, withCerts);
    });
  }

  /** Whether {@code cert} is registered, unrevoked, for the active unit {@code organId}. */
  public boolean isRegistered(OrganId organId, X509Certificate cert) {
    String sha = sha256(encoded(cert));
    return db.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM unit_certificate uc JOIN unit u "
          + "ON u.organ_id = uc.organ_id WHERE uc.sha256 = ? AND uc.organ_id = ? AND NOT uc.revoked AND u.active")) {
        ps.setString(1, sha);
        ps.setString(2, organId.value());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  /**
   * Whether an administrator revoked {@code cert} in the registry ({@code RevokeUnitCertificate}),
   * for whichever unit: such a certificate authenticates no one, administrators and auditors
   * (who need no registration) included.
   */
  public boolean isRevoked(X509Certificate cert) {
    String sha = sha256(encoded(cert));
    return db.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM unit_certificate WHERE sha256 = ? AND revoked")) {
        ps.setString(1, sha);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  // ----- internals -----

  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private static List<Unit> query(Connection c, String sql, Binder binder) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<Unit> out = new ArrayList<>();
        while (rs.next()) {
          String parent = rs.getString("parent_id");
          UnitData d = new UnitData(OrganId.of(rs.getString("organ_id")), parent == null ? null : OrganId.of(parent),
              rs.getString("name"), rs.getString("kind"), rs.getString("email"), rs.getString("telephone"),
              rs.getString("fax"), rs.getString("address"));
          out.add(new Unit(d, rs.getBoolean("active"), rs.getLong("version"), List.of()));
        }
        return out;
      }
    }
  }

  private void insert(Connection c, List<UnitData> units, long version) throws SQLException {
    Instant now = clock.instant();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO unit (" + UNIT_COLUMNS
        + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?)")) {
      for (UnitData d : units) {
        ps.setString(1, d.organId().value());
        ps.setString(2, d.parentId() == null ? null : d.parentId().value());
        ps.setString(3, d.name());
        ps.setString(4, d.kind());
        ps.setString(5, d.email());
        ps.setString(6, d.telephone());
        ps.setString(7, d.fax());
        ps.setString(8, d.address());
        ps.setLong(9, version);
        Sql.setInstant(ps, 10, now);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void touch(Connection c, OrganId organId, long version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE unit SET version = ?, updated_at = ? WHERE organ_id = ?")) {
      ps.setLong(1, version);
      Sql.setInstant(ps, 2, clock.instant());
      ps.setString(3, organId.value());
      ps.executeUpdate();
    }
  }

  /** Takes the next registry version; the row stays locked until the transaction ends. */
  private static long nextVersion(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE hub_counter SET next_value = next_value + 1 WHERE name = 'registry'")) {
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT next_value FROM hub_counter WHERE name = 'registry'");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void requireOne(int updated, OrganId organId) {
    if (updated != 1) {
      throw unknown(organId);
    }
  }

  private static HubException unknown(OrganId organId) {
    return new HubException(HubError.UNKNOWN_UNIT, "Không có đơn vị " + organId + " / no such unit", "OrganId");
  }

  static X509Certificate parse(byte[] der) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new HubException(HubError.INVALID_CERTIFICATE,
          "Không đọc được chứng thư / the certificate cannot be read", "Certificate", e);
    }
  }

  /** The SHA-256 of a certificate's DER encoding, lower-case hex. */
  public static String sha256(byte[] der) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The DER encoding of a certificate. */
  public static byte[] encoded(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
