package vn.lienthong.core.edxml;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The {@code MessageHeader} of a document message.
 *
 * @param to the recipients, at least one, no duplicate (checked by {@link EdxmlRules})
 * @param documentId an opaque identity, unique per sender
 * @param subject at most 500 characters
 * @param content at most 500 characters
 * @param dueDate null when absent
 * @param toPlaces free-text addressees ({@code ToPlaces/Place})
 * @param responseFor documents this one answers (usually none)
 */
public record DocumentHeader(
    Organization from,
    List<Organization> to,
    String documentId,
    Code code,
    Promulgation promulgation,
    DocumentType documentType,
    String subject,
    String content,
    SignerInfo signer,
    LocalDate dueDate,
    List<String> toPlaces,
    OtherInfo otherInfo,
    List<ResponseFor> responseFor,
    SteeringType steeringType) {

  public DocumentHeader {
    Objects.requireNonNull(from, "from");
    to = Texts.list(to);
    documentId = Texts.orEmpty(documentId);
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(promulgation, "promulgation");
    Objects.requireNonNull(documentType, "documentType");
    subject = Texts.orEmpty(subject);
    content = Texts.orEmpty(content);
    Objects.requireNonNull(signer, "signer");
    toPlaces = Texts.list(toPlaces);
    Objects.requireNonNull(otherInfo, "otherInfo");
    responseFor = Texts.list(responseFor);
    Objects.requireNonNull(steeringType, "steeringType");
  }
}
