package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content type the application gets is the signed manifest's, not the one carried outside the signature. */
class SignedAttachmentTypeTest {

  @TempDir Path dir;

  @Test
  void theContentTypeReadIsTheSignedOneOrTheEnvelopeIsRefused() throws Exception {
    Path file = Files.write(dir.resolve("vb.pdf"), "%PDF-1.7 x".getBytes(StandardCharsets.US_ASCII));
    Attachment a = Attachment.of("cid:vb.pdf", "vb.pdf", "Văn bản", "application/pdf", file);
    DocumentMessage m = Messages.document(Messages.header(), Messages.newDocument(),
        List.of(new ManifestEntry(a.contentId(), a.contentType(), a.description(), a.attachmentName(), a.sha256())));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EdxmlWriter.signing(TestKeys.RSA.envelopeSigner()).write(m, List.of(a), out);
    String xml = out.toString(StandardCharsets.UTF_8);
    int section = xml.indexOf("<AttachmentEncoded>");
    String forged = xml.substring(0, section)
        + xml.substring(section).replace("<ContentType>application/pdf</ContentType>",
            "<ContentType>text/html</ContentType>");
    assertThat(forged).isNotEqualTo(xml);

    Envelope e = EdxmlReader.builder().attachmentDirectory(dir.resolve("in")).build()
        .read(new ByteArrayInputStream(forged.getBytes(StandardCharsets.UTF_8)));
    VerificationResult v = EnvelopeVerifier.create().verify(e);
    List<Violation> rules = EdxmlRules.check(e.message(), e.attachments());
    boolean accepted = v instanceof VerificationResult.Valid && rules.isEmpty();
    assertThat(accepted && !e.attachments().get(0).contentType().equals("application/pdf"))
        .as("verify=%s, rules=%s, signed manifest type=%s, Attachment.contentType()=%s", v, rules,
            ((DocumentMessage) e.message()).manifest().get(0).contentType(), e.attachments().get(0).contentType())
        .isFalse();
  }
}
