package vn.lienthong.client;

import java.time.Instant;

/**
 * The hub's answer to a confirmation; {@code alreadyConfirmed} when this was a repeat.
 *
 * @param deliveryEvidence the hub's sealed evidence of this delivery (CMS, CAdES-T, over core's
 *     {@code DeliveryDocument} XML); empty when the hub makes none
 */
public record Confirmation(Instant confirmedAt, boolean alreadyConfirmed, byte[] deliveryEvidence) {

  public Confirmation {
    deliveryEvidence = deliveryEvidence == null ? new byte[0] : deliveryEvidence.clone();
  }

  /** A confirmation without delivery evidence. */
  public Confirmation(Instant confirmedAt, boolean alreadyConfirmed) {
    this(confirmedAt, alreadyConfirmed, null);
  }

  @Override
  public byte[] deliveryEvidence() {
    return deliveryEvidence.clone();
  }
}
