package vn.lienthong.sample.pki;

import static java.util.Objects.requireNonNull;

/**
 * A natural person who signs documents.
 *
 * @param alias the entry's alias, e.g. {@code person-chairman}
 * @param fullName the person's name, CN of the certificate
 * @param title the position, e.g. {@code Chủ tịch Ủy ban nhân dân tỉnh}
 * @param organId the OrganId of the unit the person works for (not written into the certificate,
 *     which names the person, but kept in the manifest)
 * @param organName the organization, O of the certificate
 * @param citizenId the citizen identity number, written as {@code UID=CCCD:<citizenId>}
 * @param publicCa whether the licensed public CA issues the certificate instead of the Government CA
 */
public record PersonSpec(
    String alias,
    String fullName,
    String title,
    String organId,
    String organName,
    String citizenId,
    boolean publicCa) {
  public PersonSpec {
    requireNonNull(alias, "alias");
    requireNonNull(fullName, "fullName");
    requireNonNull(title, "title");
    requireNonNull(organId, "organId");
    requireNonNull(organName, "organName");
    requireNonNull(citizenId, "citizenId");
  }
}
