package vn.lienthong.core.edxml;

import java.time.LocalDate;
import java.util.Objects;
import vn.lienthong.core.organ.OrganId;

/**
 * The document a message answers or reports on ({@code ResponseFor}).
 *
 * @param code the document's number and notation as one string (e.g. "7816/VPCP-TTĐT")
 * @param promulgationDate null when absent
 * @param documentId empty when the sender did not give it
 */
public record ResponseFor(OrganId organId, String code, LocalDate promulgationDate, String documentId) {
  public ResponseFor {
    Objects.requireNonNull(organId, "organId");
    code = Texts.orEmpty(code);
    documentId = Texts.orEmpty(documentId);
  }
}
