package vn.lienthong.client;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import vn.lienthong.core.edxml.EdxmlWriter;
import vn.lienthong.core.edxml.EnvelopeSigner;
import vn.lienthong.core.edxml.Organization;
import vn.lienthong.core.edxml.ResponseFor;
import vn.lienthong.core.edxml.StaffInfo;
import vn.lienthong.core.edxml.StatusCode;
import vn.lienthong.core.edxml.StatusMessage;
import vn.lienthong.core.organ.OrganId;

/**
 * A status report (02–06 on a received document, 13, 15, 16 on changes) as a signed edXML
 * envelope, for {@link ExchangeClient#sendStatus}.
 */
public final class StatusBuilder {

  private final Organization from;
  private final Clock clock;
  private StaffInfo staff = StaffInfo.NONE;
  private String description = "";

  private StatusBuilder(Organization from, Clock clock) {
    this.from = from;
    this.clock = clock;
  }

  /** A report by the unit {@code organId}; {@code clock} stamps it. */
  public static StatusBuilder from(String organId, String organName, Clock clock) {
    return new StatusBuilder(Organization.of(OrganId.of(organId), organName), Objects.requireNonNull(clock));
  }

  /** The clerk (department, name) who reports. */
  public StatusBuilder staff(String department, String name) {
    this.staff = new StaffInfo(department, name, "", "");
    return this;
  }

  /** The free text shown to the sender (e.g. the reason of a refusal). */
  public StatusBuilder description(String text) {
    this.description = Objects.requireNonNull(text, "text");
    return this;
  }

  /**
   * Writes the report {@code code} about the document {@code documentId} (code {@code codeNotation},
   * promulgated {@code date}) sent by {@code sender}, signed by {@code signer}, to {@code target}.
   */
  public Path write(String sender, String documentId, String codeNotation, LocalDate date, StatusCode code,
      EnvelopeSigner signer, Path target) {
    StatusMessage m = new StatusMessage(from, new ResponseFor(OrganId.of(sender), codeNotation, date, documentId),
        staff, code, description, clock.instant());
    EdxmlWriter writer = EdxmlWriter.signing(signer);
    return DocumentBuilder.writeAtomically(target, out -> writer.write(m, List.of(), out));
  }
}
