package vn.lienthong.server.intake;

import java.util.List;
import java.util.Objects;
import vn.lienthong.core.edxml.Envelope;
import vn.lienthong.server.auth.Caller;
import vn.lienthong.server.delivery.MessageKind;
import vn.lienthong.server.delivery.MessageRecord;
import vn.lienthong.server.routing.Resolution;
import vn.lienthong.server.store.PayloadStore;

/**
 * Everything the checks look at, gathered once before they run.
 *
 * @param expected the kind the operation takes ({@code SendDocument}: documents)
 * @param payload the envelope as received (staged, not yet stored)
 * @param fingerprint what "the same content" means for idempotency, and the key the message is stored under
 * @param existing the message already accepted under the same key, or null
 * @param resolution the recipients resolved (documents; null for statuses)
 * @param references the documents the message refers to
 */
public record IntakeContext(Caller caller, MessageKind expected, Envelope envelope, PayloadStore.Staged payload,
    Fingerprint fingerprint, MessageRecord existing, Resolution resolution,
    List<Reference> references) {
  public IntakeContext {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(fingerprint, "fingerprint");
    references = List.copyOf(references);
  }

  /** Whether the message is the one already accepted under its key, with the same content: a duplicate. */
  public boolean isDuplicate() {
    return existing != null && fingerprint.matches(existing.fingerprint());
  }
}
