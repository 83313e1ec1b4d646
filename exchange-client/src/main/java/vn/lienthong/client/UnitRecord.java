package vn.lienthong.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A unit of the directory, as the hub knows it. */
public record UnitRecord(Data data, boolean active, long version, List<Certificate> certificates) {

  public UnitRecord {
    certificates = List.copyOf(certificates);
  }

  /** What an administrator registers or updates; {@code parentId} null for a root. */
  public record Data(String organId, String parentId, String name, String kind, String email,
      String telephone, String fax, String address) {

    /** A unit with only the required fields. */
    public static Data of(String organId, String parentId, String name) {
      return new Data(organId, parentId, name, "", "", "", "", "");
    }

    /** The parent unit, none for a root. */
    public Optional<String> parent() {
      return Optional.ofNullable(parentId);
    }
  }

  /** A certificate registered for the unit ({@code der} when the hub sends it). */
  public record Certificate(String sha256, String subject, Instant notAfter, boolean revoked, byte[] der) {}
}
