package vn.lienthong.core.evidence;

import static vn.lienthong.core.evidence.EvidenceCheck.*;

import java.io.IOException;
import java.util.List;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.DocumentMessage;
import vn.lienthong.core.edxml.EdxmlRules;
import vn.lienthong.core.edxml.Envelope;
import vn.lienthong.core.edxml.ErrorCode;
import vn.lienthong.core.edxml.ManifestEntry;
import vn.lienthong.core.edxml.Violation;
import vn.lienthong.core.evidence.EvidenceIndex.Role;

/** The checks of a bundle's contents, once its index is sealed and its files match it. */
final class ContentChecks {

  private final BundleRun run;
  private final EvidenceIndex index;
  private final TrustChecks trust;

  ContentChecks(BundleRun run, EvidenceIndex index, TrustChecks trust) {
    this.run = run;
    this.index = index;
    this.trust = trust;
  }

  void run() throws IOException {
    List<EvidenceIndex.Entry> receipts = of(Role.RECEIPT);
    List<EvidenceIndex.Entry> envelopes = of(Role.ENVELOPE);
    if (receipts.size() != 1 || envelopes.size() != 1) {
      run.add(RECEIPT_SEAL_VALID, "", false, "a bundle holds one receipt and one envelope; found "
          + receipts.size() + " and " + envelopes.size());
      return;
    }
    String envelopeName = envelopes.get(0).name();
    String envelopeSha = run.file(envelopeName).sha256();
    byte[] receiptXml = run.seal(RECEIPT_SEAL_VALID, receipts.get(0).name());
    ReceiptDocument receipt = receiptXml == null ? null : ReceiptDocument.parse(receiptXml);
    if (receipt != null) {
      run.add(RECEIPT_ABOUT_MESSAGE, receipts.get(0).name(), receipt.messageId() == index.messageId(),
          "receipt: " + receipt.messageId() + ", index: " + index.messageId());
      run.add(RECEIPT_ENVELOPE_DIGEST, envelopeName, receipt.envelopeSha256().equals(envelopeSha),
          receipt.envelopeSha256());
    }
    Envelope envelope = run.envelope(ENVELOPE_SIGNATURE_VALID, envelopeName);
    trust.signer(ENVELOPE_SIGNER_TRUSTED, envelopeName, receipt);
    attachments(envelope, receipt);
    for (EvidenceIndex.Entry d : of(Role.DELIVERY)) {
      delivery(d.name(), receipt, envelopeSha);
    }
    for (EvidenceIndex.Entry s : index.files()) {
      if (s.role() == Role.STATUS_UNIT || s.role() == Role.STATUS_HUB) {
        status(s, receipt);
      }
    }
  }

  private void attachments(Envelope envelope, ReceiptDocument receipt) throws IOException {
    List<EvidenceIndex.Entry> manifests = of(Role.ATTACHMENTS);
    if (envelope == null || receipt == null || manifests.size() != 1) {
      run.add(ATTACHMENT_DIGESTS_MATCH, "", false, "the envelope, the receipt or the attachment list is missing or "
          + "invalid");
      return;
    }
    List<ReceiptDocument.FileDigest> signed = envelope.attachments().stream()
        .map(a -> new ReceiptDocument.FileDigest(a.attachmentName(), a.sha256())).toList();
    List<ReceiptDocument.FileDigest> listed =
        EvidenceBundle.parseAttachmentManifest(run.bytes(manifests.get(0).name()));
    // the attachments are the signed manifest's, one for one: a file added after signing (in
    // AttachmentEncoded, outside the signature) is not the sender's
    List<Violation> manifest = EdxmlRules.check(envelope.message(), envelope.attachments()).stream()
        .filter(v -> v.code() == ErrorCode.MANIFEST_MISMATCH || v.code() == ErrorCode.ATTACHMENT_DIGEST_MISMATCH)
        .toList();
    boolean ok = manifest.isEmpty() && signed.equals(listed) && signed.equals(receipt.attachments());
    String name = manifests.get(0).name();
    String detail = signed.size() + " attachments" + (ok ? "" : manifest.isEmpty() ? "; envelope " + signed + ", list "
        + listed + ", receipt " + receipt.attachments() : "; not the signed manifest's: " + manifest.get(0).message());
    List<String> unbound = envelope.message() instanceof DocumentMessage d ? d.manifest().stream()
        .filter(m -> m.sha256().isEmpty()).map(ManifestEntry::attachmentName).toList() : List.of();
    if (ok && !unbound.isEmpty()) {
      // other software's envelopes carry no digest: the files match what the hub received, but the
      // sender's signature does not bind them
      run.add(ATTACHMENT_DIGESTS_MATCH, name, EvidenceReport.Status.INDETERMINATE, detail
          + "; the envelope signature does not cover " + String.join(", ", unbound) + " (no digest in the manifest)");
    } else {
      run.add(ATTACHMENT_DIGESTS_MATCH, name, ok, detail);
    }
    envelope.attachments().stream().map(Attachment::file).forEach(f -> f.toFile().delete());
  }

  private void delivery(String name, ReceiptDocument receipt, String envelopeSha) throws IOException {
    byte[] xml = run.seal(DELIVERY_EVIDENCE_VALID, name);
    if (xml == null) {
      return;
    }
    DeliveryDocument d = DeliveryDocument.parse(xml);
    boolean ok = d.messageId() == index.messageId() && d.envelopeSha256().equals(envelopeSha)
        && receipt != null && receipt.recipients().contains(d.recipient())
        && name.equals(EvidenceBundle.deliveryName(d.recipient()));
    run.add(DELIVERY_EVIDENCE_VALID, name, ok, d.recipient() + " at " + d.confirmedAt()
        + (ok ? "" : " — message " + d.messageId() + ", envelope " + d.envelopeSha256()));
  }

  private void status(EvidenceIndex.Entry s, ReceiptDocument receipt) throws IOException {
    String id = s.name().substring("status/".length(), s.name().length() - ".edxml".length());
    String receiptName = EvidenceBundle.statusReceiptName(Long.parseLong(id));
    boolean hasReceipt = index.files().stream().anyMatch(f -> f.name().equals(receiptName)
        && f.role() == Role.STATUS_RECEIPT);
    ReceiptDocument attested = null;
    if (hasReceipt) {
      byte[] xml = run.seal(STATUS_VALID, receiptName);
      if (xml != null) {
        ReceiptDocument r = ReceiptDocument.parse(xml);
        boolean ok = r.envelopeSha256().equals(run.file(s.name()).sha256()) && r.kind().equals("STATUS")
            && receipt != null && r.documentId().equals(receipt.documentId());
        run.add(STATUS_VALID, s.name(), ok, "receipt " + r.receiptId() + " from " + r.from());
        attested = ok ? r : null;
      }
    } else if (s.role() == Role.STATUS_HUB) {
      run.add(STATUS_VALID, s.name(), false, "a status the hub wrote needs its receipt");
    }
    if (s.role() == Role.STATUS_UNIT) {
      Envelope e = run.envelope(STATUS_VALID, s.name());
      if (e != null && receipt != null && !BundleRun.isStatusAbout(e, receipt.documentId())) {
        run.add(STATUS_VALID, s.name(), false, "about another document");
      }
      trust.signer(STATUS_SIGNER_TRUSTED, s.name(), attested);
    }
  }

  private List<EvidenceIndex.Entry> of(Role role) {
    return index.files().stream().filter(f -> f.role() == role).toList();
  }
}
