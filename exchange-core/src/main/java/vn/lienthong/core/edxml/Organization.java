package vn.lienthong.core.edxml;

import java.util.Objects;
import vn.lienthong.core.organ.OrganId;

/**
 * A sending or receiving organization ({@code From}, {@code To}). Text fields are never null: an
 * absent element reads as the empty string, and the writer omits empty optional elements.
 */
public record Organization(
    OrganId organId,
    String organizationInCharge,
    String organName,
    String organAdd,
    String email,
    String telephone,
    String fax,
    String website) {

  public Organization {
    Objects.requireNonNull(organId, "organId");
    organizationInCharge = Texts.orEmpty(organizationInCharge);
    organName = Texts.orEmpty(organName);
    organAdd = Texts.orEmpty(organAdd);
    email = Texts.orEmpty(email);
    telephone = Texts.orEmpty(telephone);
    fax = Texts.orEmpty(fax);
    website = Texts.orEmpty(website);
  }

  /** An organization known only by its identifier and name. */
  public static Organization of(OrganId organId, String organName) {
    return new Organization(organId, organName, organName, "", "", "", "", "");
  }
}
