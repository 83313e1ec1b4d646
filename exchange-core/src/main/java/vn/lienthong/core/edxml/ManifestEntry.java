package vn.lienthong.core.edxml;

/**
 * One {@code edXMLManifest/Reference}: an attachment the envelope announces.
 *
 * @param contentId {@code cid:…}, pairs the entry with its attachment
 * @param sha256 the attachment's SHA-256 (lower-case hex) as this project's writer records it in the
 *     signed manifest ({@code lt:sha256} attribute); empty when the sender gave none
 */
public record ManifestEntry(String contentId, String contentType, String description,
    String attachmentName, String sha256) {
  public ManifestEntry {
    contentId = Texts.orEmpty(contentId);
    contentType = Texts.orEmpty(contentType);
    description = Texts.orEmpty(description);
    attachmentName = Texts.orEmpty(attachmentName);
    sha256 = Texts.orEmpty(sha256);
  }
}
