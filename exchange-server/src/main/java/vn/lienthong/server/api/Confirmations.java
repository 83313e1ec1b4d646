package vn.lienthong.server.api;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.api.ws.Confirm;
import vn.lienthong.server.api.ws.ConfirmReceivedBatchResponse;
import vn.lienthong.server.api.ws.ConfirmReceivedResponse;
import vn.lienthong.server.api.ws.ConfirmResult;
import vn.lienthong.server.delivery.Tracking;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.evidence.EvidenceService;

/**
 * ConfirmReceived and ConfirmReceivedBatch: one entry's confirmation (status 01 to the sender
 * for a document) and its delivery evidence, and a batch of them, each on its own.
 */
final class Confirmations {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Confirmations.class);

  /** Most entries one ConfirmReceivedBatch call confirms (the schema's bound). */
  static final int MAX_BATCH = 100;

  /** Refusals that concern one entry: reported in its result, the batch goes on. */
  private static final Set<HubError> ENTRY_REFUSALS =
      Set.of(HubError.UNKNOWN_MESSAGE, HubError.LEASE_LOST, HubError.INVALID_REQUEST);

  private final Tracking tracking;
  private final EvidenceService evidence;

  /** {@code evidence} null: no delivery evidence. */
  Confirmations(Tracking tracking, EvidenceService evidence) {
    this.tracking = Objects.requireNonNull(tracking, "tracking");
    this.evidence = evidence;
  }

  /**
   * Confirms one entry of {@code unit}'s inbox.
   *
   * @throws HubException UNKNOWN_MESSAGE, LEASE_LOST, or INVALID_REQUEST without a lease token
   */
  ConfirmReceivedResponse one(OrganId unit, long messageRef, String leaseToken) {
    if (leaseToken == null || leaseToken.isBlank()) {
      throw new HubException(HubError.INVALID_REQUEST, "Cần LeaseToken / LeaseToken is required", "LeaseToken");
    }
    Tracking.Confirmation c = tracking.confirm(unit, messageRef, leaseToken.strip());
    ConfirmReceivedResponse r = new ConfirmReceivedResponse();
    r.setConfirmedAt(Wire.time(c.confirmedAt()));
    r.setAlreadyConfirmed(c.alreadyConfirmed());
    if (evidence != null) {
      try {
        r.setDeliveryEvidence(evidence.deliveryEvidence(unit, messageRef));
      } catch (RuntimeException e) {
        LOG.warn("Delivery evidence for delivery {} failed (the confirmation is stored)", messageRef, e);
      }
    }
    return r;
  }

  /**
   * Confirms each entry in order as {@link #one} would; a refusal of one entry is its result.
   * Any other failure ends the call: what was confirmed before it stays confirmed.
   *
   * @throws HubException INVALID_REQUEST for an empty batch or one over {@link #MAX_BATCH}
   */
  ConfirmReceivedBatchResponse batch(OrganId unit, List<Confirm> entries) {
    if (entries.isEmpty() || entries.size() > MAX_BATCH) {
      throw new HubException(HubError.INVALID_REQUEST, "Cần 1 đến " + MAX_BATCH + " mục Confirm / 1 to "
          + MAX_BATCH + " Confirm entries are required", "Confirm");
    }
    ConfirmReceivedBatchResponse response = new ConfirmReceivedBatchResponse();
    for (Confirm entry : entries) {
      ConfirmResult result = new ConfirmResult();
      result.setMessageRef(entry.getMessageRef());
      try {
        ConfirmReceivedResponse r = one(unit, entry.getMessageRef(), entry.getLeaseToken());
        result.setConfirmedAt(r.getConfirmedAt());
        result.setAlreadyConfirmed(r.isAlreadyConfirmed());
        result.setDeliveryEvidence(r.getDeliveryEvidence());
      } catch (HubException e) {
        if (!ENTRY_REFUSALS.contains(e.error())) {
          throw e;
        }
        result.setExchangeFaultDetail(Faults.detail(e));
      }
      response.getResult().add(result);
    }
    return response;
  }
}
