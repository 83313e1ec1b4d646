package vn.lienthong.core.edxml;

/** Who signed the document ({@code SignerInfo}): competence (e.g. "TL. BỘ TRƯỞNG), position, name. */
public record SignerInfo(String competence, String position, String fullName) {
  public SignerInfo {
    competence = Texts.orEmpty(competence);
    position = Texts.orEmpty(position);
    fullName = Texts.orEmpty(fullName);
  }
}
