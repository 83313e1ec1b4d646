package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import vn.lienthong.core.organ.OrganId;

class SampleReadingTest {

  @TempDir Path dir;

  private Envelope read(String name) throws Exception {
    try (InputStream in = Samples.open(name)) {
      return EdxmlReader.builder().attachmentDirectory(dir).build().read(in);
    }
  }

  @ParameterizedTest
  @FieldSource("vn.lienthong.core.edxml.Samples#ALL")
  void everySampleReads(String name) throws Exception {
    Envelope e = read(name);
    assertThat(e.message()).isInstanceOf(name.startsWith("edoc") ? DocumentMessage.class : StatusMessage.class);
  }

  @Test
  void newDocumentSampleWithStrayLeadingBytesReadsFully() throws Exception {
    assertThat(new String(Samples.bytes("edoc_new.edxml"), 0, 4)).isEqualTo("1212");
    DocumentMessage m = (DocumentMessage) read("edoc_new.edxml").message();
    DocumentHeader h = m.header();
    assertThat(h.from().organId()).isEqualTo(OrganId.of("002.00.20.H13"));
    assertThat(h.to()).extracting(Organization::organId).containsExactly(OrganId.of("28.22.H17"));
    assertThat(h.code()).isEqualTo(new Code("74fass22", "VPCP-TTĐT"));
    assertThat(h.promulgation()).isEqualTo(new Promulgation("Hà Nội", LocalDate.of(2019, 1, 16)));
    assertThat(h.documentType()).isEqualTo(new DocumentType(1, 0, "Công văn"));
    assertThat(h.otherInfo().appendixes()).hasSize(1);
    assertThat(h.otherInfo().pageAmount()).isEqualTo(22);
    assertThat(h.steeringType()).isEqualTo(SteeringType.NOT_DIRECTIVE);
    assertThat(h.toPlaces()).containsExactly("Cac bo va co quan ngang bo", "Uy ban nhan dan cac tinh, TP");
    assertThat(m.traces()).singleElement()
        .satisfies(t -> assertThat(EdxmlDates.formatTimestamp(t.timestamp())).isEqualTo("2018/09/28 00:00:00"));
    assertThat(m.business()).isInstanceOf(Business.NewDocument.class);
    assertThat(m.business().staff().staff()).isEqualTo("Nguyễn Thị Ngọc Trâm");
    assertThat(m.manifest()).singleElement().extracting(ManifestEntry::contentId).isEqualTo("cid:209");
  }

  @Test
  void zipAttachmentAnnouncedAsZipStaysAZipDecodedToAFile() throws Exception {
    Envelope e = read("edoc_new.edxml");
    Attachment a = e.attachments().get(0);
    assertThat(a.contentType()).isEqualTo("application/zip");
    assertThat(a.unwrapped()).isFalse();
    assertThat(a.size()).isEqualTo(270_823).isEqualTo(Files.size(a.file()));
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(a.file()))) {
      assertThat(zip.getNextEntry().getName()).endsWith(".edxml");
    }
  }

  @Test
  void businessBlocksOfTheFourKindsRead() throws Exception {
    assertThat(((DocumentMessage) read("edoc_revocation.edxml").message()).business())
        .isInstanceOf(Business.Revocation.class);
    Business.Update u = (Business.Update) ((DocumentMessage) read("edoc_update.edxml").message()).business();
    assertThat(u.documentId()).isEqualTo("000.00.00.G22,2014/02/30,7806/VPCP-TTĐT");
    assertThat(u.details().receivers()).extracting(Business.ReceiverChange::added).containsExactly(false, true);
    Business.Replacement r =
        (Business.Replacement) ((DocumentMessage) read("edoc_replacement.edxml").message()).business();
    assertThat(r.replaced()).hasSize(2).allSatisfy(i -> assertThat(i.organIds()).hasSize(2));
  }

  @Test
  void statusSamplesCarryEveryStatusCode() throws Exception {
    var codes = new java.util.ArrayList<StatusCode>();
    for (String name : Samples.ALL) {
      if (read(name).message() instanceof StatusMessage s) {
        codes.add(s.statusCode());
        assertThat(s.responseFor().documentId()).isEqualTo("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT");
      }
    }
    assertThat(codes).containsExactlyInAnyOrder(StatusCode.values());
  }
}
