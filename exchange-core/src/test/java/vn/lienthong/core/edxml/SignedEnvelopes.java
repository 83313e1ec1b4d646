package vn.lienthong.core.edxml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.xml.security.Init;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.core.xml.SecureXml;
import vn.lienthong.core.xml.XmlLimits;

/**
 * An attack builder: signs envelopes with Santuario directly, with any algorithm or reference
 * layout, so tests can produce what a hostile or outdated sender would.
 */
final class SignedEnvelopes {

  static final String STATUS_SAMPLE = "status_inbox_01.edxml";

  private SignedEnvelopes() {}

  /** A status message read from a sample. */
  static StatusMessage status(Path dir) throws Exception {
    return (StatusMessage) EdxmlReader.builder().attachmentDirectory(dir).build()
        .read(Samples.open(STATUS_SAMPLE)).message();
  }

  static byte[] write(EdxmlWriter writer, EdxmlMessage message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(message, out);
    return out.toByteArray();
  }

  static Document dom(byte[] xml) {
    return SecureXml.parse(new ByteArrayInputStream(xml), XmlLimits.DEFAULTS);
  }

  static Element header(Document doc) {
    return (Element) doc.getElementsByTagNameNS(Nodes.NS, "edXMLHeader").item(0);
  }

  /** How to sign: algorithms, and a hook to add references or change the DOM before signing. */
  record Spec(String signatureAlgorithm, String digestAlgorithm, PrivateKey key, X509Certificate certificate,
      Consumer<XMLSignature> extra) {
    static Spec rsaSha256() {
      return new Spec(XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, Dsig.DIGEST_SHA256, TestKeys.RSA.key(),
          TestKeys.RSA.certificate(), s -> { });
    }

    Spec with(Consumer<XMLSignature> more) {
      return new Spec(signatureAlgorithm, digestAlgorithm, key, certificate, more);
    }
  }

  /** Signs {@code doc} (an unsigned envelope DOM) enveloped with {@code URI=""}, per {@code spec}. */
  static void sign(Document doc, Spec spec) throws Exception {
    sign(doc, spec, java.util.List.of(""));
  }

  /** Signs with one Reference per URI in {@code uris}, each enveloped then exclusive C14N. */
  static void sign(Document doc, Spec spec, java.util.List<String> uris) throws Exception {
    sign(doc, spec, uris, Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
  }

  /** As above, with {@code c14n} as the SignedInfo's canonicalization method. */
  static void sign(Document doc, Spec spec, java.util.List<String> uris, String c14n) throws Exception {
    Init.init();
    XMLSignature sig = new XMLSignature(doc, "", spec.signatureAlgorithm(), c14n);
    header(doc).appendChild(sig.getElement());
    Transforms transforms = new Transforms(doc);
    transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
    transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
    for (String uri : uris) {
      sig.addDocument(uri, transforms, spec.digestAlgorithm());
    }
    spec.extra().accept(sig);
    sig.addKeyInfo(spec.certificate());
    sig.sign(spec.key());
  }

  static byte[] serialize(Document doc) throws Exception {
    Transformer t = SecureXml.newTransformerFactory().newTransformer();
    t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    t.transform(new DOMSource(doc), new StreamResult(out));
    return out.toByteArray();
  }

  static Envelope read(Path dir, byte[] xml) {
    return EdxmlReader.builder().attachmentDirectory(dir).build().read(new ByteArrayInputStream(xml));
  }

  static String text(byte[] xml) {
    return new String(xml, StandardCharsets.UTF_8);
  }

  static byte[] bytes(String xml) {
    return xml.getBytes(StandardCharsets.UTF_8);
  }
}
