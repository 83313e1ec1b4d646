package vn.lienthong.server.registry;

import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Reads the OrganId a unit certificate names in its subject: the attribute UID
 * (0.9.2342.19200300.100.1.1) holding {@code ORGANID:<OrganId>}, the way Vietnamese CAs write
 * identifiers into subjects.
 */
public final class CertificateNames {

  /** The prefix of the UID value that names a unit. */
  public static final String ORGAN_ID_PREFIX = "ORGANID:";

  private CertificateNames() {}

  /** The OrganId the subject names, if it names one. */
  public static Optional<String> organIdOf(X509Certificate cert) {
    String dn = cert.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253,
        java.util.Map.of("0.9.2342.19200300.100.1.1", "UID"));
    try {
      for (Rdn rdn : new LdapName(dn).getRdns()) {
        if ("UID".equalsIgnoreCase(rdn.getType()) && rdn.getValue() instanceof String v
            && v.startsWith(ORGAN_ID_PREFIX)) {
          return Optional.of(v.substring(ORGAN_ID_PREFIX.length()));
        }
      }
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
