package vn.lienthong.server;

import org.slf4j.LoggerFactory;
import vn.lienthong.server.evidence.AcceptedMessage;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.evidence.Receipt;

/** Two evidence hooks run in turn: the hub's sealing service, then the caller's hook. */
final class EvidenceHooks {

  private EvidenceHooks() {}

  /** Each hook in turn; a failing one is logged and does not stop the other. */
  static EvidenceHook both(EvidenceHook first, EvidenceHook second) {
    return new EvidenceHook() {
      @Override
      public void accepted(Receipt receipt) {
        run(() -> first.accepted(receipt), receipt);
        run(() -> second.accepted(receipt), receipt);
      }

      @Override
      public void accepted(AcceptedMessage message) {
        run(() -> first.accepted(message), message.receipt());
        run(() -> second.accepted(message), message.receipt());
      }

      private void run(Runnable hook, Receipt receipt) {
        try {
          hook.run();
        } catch (RuntimeException e) {
          LoggerFactory.getLogger(Hub.class).warn("Evidence for message {} failed (the message is "
              + "stored; its audit row holds it)", receipt.messageId(), e);
        }
      }
    };
  }
}
