package vn.lienthong.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.sample.pki.SamplePki;

/** Evidence reports of a bundle whose entry names an attacker chose. */
class HostileEvidenceTextTest {

  @TempDir Path dir;

  @Test
  void aZipEntryNameWithAControlCharacterStillGivesAWellFormedXmlReport() throws Exception {
    Path zip = dir.resolve("evidence-42.zip");
    try (OutputStream f = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(f)) {
      z.putNextEntry(new ZipEntry("envelope\u0001.edxml"));
      z.write("x".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    EvidenceReport report = EvidenceVerifier.builder(SamplePki.demo().trustAnchors()).build().verify(zip);
    assertThat(report.valid()).isFalse();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    report.writeXml(out);
    assertThatCode(() -> DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(out.toByteArray()))).doesNotThrowAnyException();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("envelope[U+0001].edxml");
  }

  @Test
  void aBidiOverrideInAZipEntryNameIsShownNotObeyedInTheHtmlReport() throws Exception {
    Path zip = dir.resolve("evidence-43.zip");
    try (OutputStream f = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(f)) {
      z.putNextEntry(new ZipEntry("a\u202Eb.edxml"));
      z.write(1);
      z.closeEntry();
    }
    EvidenceReport report = EvidenceVerifier.builder(SamplePki.demo().trustAnchors()).build().verify(zip);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    report.writeHtml(out);
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("\u202E").contains("a[U+202E]b.edxml");
  }
}
