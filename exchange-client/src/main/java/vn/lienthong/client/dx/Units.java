package vn.lienthong.client.dx;

import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OrganId a system certificate names ({@code UID=ORGANID:<OrganId>} in its subject). */
final class Units {

  private static final Pattern ORGAN_ID = Pattern.compile("ORGANID:([^,+\\s]+)");

  private Units() {}

  static String organId(X509Certificate certificate) {
    Matcher m = ORGAN_ID.matcher(certificate.getSubjectX500Principal().getName());
    if (!m.find()) {
      throw new IllegalArgumentException("the key's certificate names no unit (UID=ORGANID:…): "
          + certificate.getSubjectX500Principal());
    }
    return m.group(1);
  }
}
