package vn.lienthong.core.edxml;

import java.util.List;
import java.util.Objects;
import vn.lienthong.core.organ.OrganId;

/**
 * What a document message does ({@code TraceHeaderList/Bussiness}, spelled as the standard spells
 * it): send a new document, revoke, update or replace one already sent. Every kind carries a
 * reason, whether a paper copy follows and the clerk; {@link #documentId()} names the document
 * acted on (empty when the message does not say; {@link EdxmlRules} requires it for updates).
 */
public sealed interface Business {

  /** The {@code DocumentId} inside the block, or empty. */
  String documentId();

  /** {@code BussinessDocReason}. */
  String reason();

  /** {@code Paper}: whether a paper copy follows (1) or not (0). */
  boolean paperFollows();

  /** {@code StaffInfo}. */
  StaffInfo staff();

  /** The {@code BussinessDocType} code: 0 new, 1 revoke, 2 update, 3 replace. */
  int typeCode();

  /** A new document (type 0). */
  record NewDocument(String documentId, String reason, boolean paperFollows, StaffInfo staff)
      implements Business {
    public NewDocument {
      documentId = Texts.orEmpty(documentId);
      reason = Texts.orEmpty(reason);
      Objects.requireNonNull(staff, "staff");
    }

    @Override
    public int typeCode() {
      return 0;
    }
  }

  /** Revoke a document already sent (type 1). */
  record Revocation(String documentId, String reason, boolean paperFollows, StaffInfo staff)
      implements Business {
    public Revocation {
      documentId = Texts.orEmpty(documentId);
      reason = Texts.orEmpty(reason);
      Objects.requireNonNull(staff, "staff");
    }

    @Override
    public int typeCode() {
      return 1;
    }
  }

  /**
   * Update a document already sent (type 2).
   *
   * @param documentId the document updated; required
   */
  record Update(String documentId, String reason, boolean paperFollows, UpdateDetails details,
      StaffInfo staff) implements Business {
    public Update {
      documentId = Texts.orEmpty(documentId);
      reason = Texts.orEmpty(reason);
      Objects.requireNonNull(details, "details");
      Objects.requireNonNull(staff, "staff");
    }

    @Override
    public int typeCode() {
      return 2;
    }
  }

  /**
   * Replace documents already sent (type 3).
   *
   * @param replaced the replaced documents and to whom each replacement applies; required
   */
  record Replacement(String documentId, String reason, boolean paperFollows,
      List<ReplacementInfo> replaced, StaffInfo staff) implements Business {
    public Replacement {
      documentId = Texts.orEmpty(documentId);
      reason = Texts.orEmpty(reason);
      replaced = Texts.list(replaced);
      Objects.requireNonNull(staff, "staff");
    }

    @Override
    public int typeCode() {
      return 3;
    }
  }

  /**
   * What an update changes ({@code BussinessDocumentInfo}).
   *
   * @param metadataChanged {@code DocumentInfo} = 1
   * @param receiversChanged {@code DocumentReceiver} = 1
   * @param receivers {@code ReceiverList}: recipients added or removed
   */
  record UpdateDetails(boolean metadataChanged, boolean receiversChanged,
      List<ReceiverChange> receivers) {
    public UpdateDetails {
      receivers = Texts.list(receivers);
    }
  }

  /** A recipient added or removed by an update ({@code Receiver}). */
  record ReceiverChange(OrganId organId, boolean added) {
    public ReceiverChange {
      Objects.requireNonNull(organId, "organId");
    }
  }

  /** One replaced document and the organizations the replacement applies to ({@code ReplacementInfo}). */
  record ReplacementInfo(String documentId, List<OrganId> organIds) {
    public ReplacementInfo {
      documentId = Texts.orEmpty(documentId);
      organIds = Texts.list(organIds);
    }
  }
}
