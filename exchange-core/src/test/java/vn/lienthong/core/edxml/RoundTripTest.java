package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class RoundTripTest {

  @TempDir Path dir;

  @ParameterizedTest
  @FieldSource("vn.lienthong.core.edxml.Samples#ALL")
  void everySampleRoundTripsToTheSameMeaning(String name) throws Exception {
    Envelope first;
    try (InputStream in = Samples.open(name)) {
      first = reader("first").read(in);
    }
    byte[] written = write(EdxmlWriter.unsigned(), first);
    Envelope second = reader("second").read(new ByteArrayInputStream(written));

    assertSameMeaning(first, second);
    // canonical: writing what was read back gives the same bytes again
    assertThat(write(EdxmlWriter.unsigned(), second)).isEqualTo(written);
  }

  @ParameterizedTest
  @FieldSource("vn.lienthong.core.edxml.Samples#ALL")
  void everySampleSignedWithRsaVerifies(String name) throws Exception {
    Envelope first;
    try (InputStream in = Samples.open(name)) {
      first = reader("first").read(in);
    }
    byte[] signed = write(EdxmlWriter.signing(TestKeys.RSA.envelopeSigner()), first);
    Envelope second = reader("second").read(new ByteArrayInputStream(signed));
    assertSameMeaning(first, second);
    assertThat(EnvelopeVerifier.create().verify(second))
        .isInstanceOf(VerificationResult.Valid.class);
  }

  static void assertSameMeaning(Envelope first, Envelope second) throws Exception {
    if (first.message() instanceof DocumentMessage d1) {
      DocumentMessage d2 = (DocumentMessage) second.message();
      assertThat(d2.header()).isEqualTo(d1.header());
      assertThat(d2.traces()).isEqualTo(d1.traces());
      assertThat(d2.business()).isEqualTo(d1.business());
      assertThat(d2.manifest()).hasSameSizeAs(d1.manifest());
      for (int i = 0; i < d1.manifest().size(); i++) {
        ManifestEntry m1 = d1.manifest().get(i);
        ManifestEntry m2 = d2.manifest().get(i);
        assertThat(m2).isEqualTo(new ManifestEntry(m1.contentId(), first.attachments().get(i).contentType(),
            m1.description(), m1.attachmentName(), first.attachments().get(i).sha256()));
      }
    } else {
      assertThat(second.message()).isEqualTo(first.message());
    }
    assertThat(second.attachments()).hasSameSizeAs(first.attachments());
    for (int i = 0; i < first.attachments().size(); i++) {
      Attachment a = first.attachments().get(i);
      Attachment b = second.attachments().get(i);
      assertThat(List.of(b.contentId(), b.attachmentName(), b.description(), b.contentType(), b.sha256()))
          .isEqualTo(List.of(a.contentId(), a.attachmentName(), a.description(), a.contentType(), a.sha256()));
      assertThat(Files.mismatch(a.file(), b.file())).isEqualTo(-1L);
    }
  }

  private EdxmlReader reader(String sub) {
    return EdxmlReader.builder().attachmentDirectory(dir.resolve(sub)).build();
  }

  static byte[] write(EdxmlWriter writer, Envelope e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(e.message(), e.attachments(), out);
    return out.toByteArray();
  }
}
