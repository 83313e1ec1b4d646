package vn.lienthong.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.EdxmlReader;
import vn.lienthong.core.edxml.Envelope;
import vn.lienthong.core.edxml.EnvelopeVerifier;
import vn.lienthong.core.edxml.StatusCode;
import vn.lienthong.core.edxml.VerificationResult;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.TestPki;

/** The signer of a stored envelope, found in its header without reading its attachments. */
class StoredSignerTest {

  @TempDir Path dir;

  private final String from = TestPki.UNITS.get(0);
  private final Credential system = TestPki.PKI.system(from);

  @Test
  void theSignersCertificateIsFoundBeforeTheAttachmentsAreRead() throws Exception {
    Attachment big = Envelopes.file(dir, "big", 8 << 20, 1);
    byte[] envelope = Envelopes.signed(Envelopes.document(from, "SS-1", List.of(TestPki.UNITS.get(1)), List.of(big)),
        List.of(big));
    Counting in = new Counting(new ByteArrayInputStream(envelope));

    assertThat(StoredSigner.of(in)).contains(system.certificate());
    assertThat(in.read).as("bytes read of an %d-byte envelope", envelope.length).isLessThan(256 * 1024);
  }

  @Test
  void aSignatureWithoutTheXmlDsigNamespaceIsReadToo() {
    String xml = new String(envelope(), StandardCharsets.UTF_8);
    // it then falls into the envelope's default namespace, as in the official samples
    String bare = xml.replaceAll("xmlns(:\\w+)?=\"http://www.w3.org/2000/09/xmldsig#\"", "")
        .replaceAll("<(/?)ds:", "<$1");
    assertThat(bare).doesNotContain("xmldsig#\"");
    assertThat(StoredSigner.of(new ByteArrayInputStream(bare.getBytes(StandardCharsets.UTF_8))))
        .contains(system.certificate());
  }

  @Test
  void withoutASignatureOrReadableXmlItIsEmptyAndTheCallerReadsTheEnvelopeTheLenientWay() {
    String unsigned = "<edXML><edXMLEnvelope><edXMLHeader><MessageHeader/></edXMLHeader><edXMLBody/></edXMLEnvelope>"
        + "</edXML>";
    assertThat(StoredSigner.of(new ByteArrayInputStream(unsigned.getBytes(StandardCharsets.UTF_8)))).isEmpty();
    byte[] stray = ("\uFEFF\r\n junk" + new String(envelope(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    assertThat(StoredSigner.of(new ByteArrayInputStream(stray))).isEmpty();
    assertThat(StoredSigner.of(new ByteArrayInputStream("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"
        .getBytes(StandardCharsets.UTF_8)))).isEmpty();
  }

  @Test
  void aForeignNamespaceCertificateBeforeTheSignersIsNotTakenForIt() throws Exception {
    // KeyInfo is not signed: its sender can put another certificate, in a foreign namespace, before
    // the real one; the verifier (Santuario) reads only XML-DSig's X509Data/X509Certificate
    String xml = new String(envelope(), StandardCharsets.UTF_8);
    assertThat(xml).contains("<ds:X509Data>");
    assertNeverTheDecoy(xml.replace("<ds:X509Data>", "<ds:X509Data><x:X509Certificate xmlns:x=\"urn:x\">"
        + decoy() + "</x:X509Certificate>"));
  }

  @Test
  void aCertificateDeeperThanTheVerifierLooksIsNotTakenForTheSigners() throws Exception {
    // in the XML-DSig namespace, but inside a foreign element
    String xml = new String(envelope(), StandardCharsets.UTF_8);
    assertNeverTheDecoy(xml.replace("<ds:KeyInfo>", "<ds:KeyInfo><ds:KeyName><x:Note xmlns:x=\"urn:x\"><ds:X509Certificate>"
        + decoy() + "</ds:X509Certificate></x:Note></ds:KeyName>"));
  }

  /**
   * The verifier takes the sender's certificate; what the hub puts in the evidence bundle, and whose
   * caIssuers it fetches, is that one or nothing (the caller then asks the verifier), never the decoy.
   */
  private void assertNeverTheDecoy(String xml) throws Exception {
    byte[] envelope = xml.getBytes(StandardCharsets.UTF_8);
    Envelope read = EdxmlReader.builder().attachmentDirectory(dir).build().read(new ByteArrayInputStream(envelope));
    VerificationResult verified = EnvelopeVerifier.create().verify(read);
    assertThat(verified).as(verified.toString()).isInstanceOfSatisfying(VerificationResult.Valid.class,
        v -> assertThat(v.signer()).isEqualTo(system.certificate()));
    assertThat(StoredSigner.of(new ByteArrayInputStream(envelope))).isNotEqualTo(Optional.of(decoyCertificate()));
  }

  private static X509Certificate decoyCertificate() {
    return TestPki.PKI.system(TestPki.UNITS.get(1)).certificate();
  }

  private static String decoy() throws Exception {
    return Base64.getEncoder().encodeToString(decoyCertificate().getEncoded());
  }

  private byte[] envelope() {
    return Envelopes.signed(Envelopes.status(from, TestPki.UNITS.get(1), "SS-2", StatusCode.values()[0]),
        List.of());
  }

  private static final class Counting extends FilterInputStream {
    long read;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      read += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      read += Math.max(n, 0);
      return n;
    }
  }
}
