package vn.lienthong.server.evidence;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import vn.lienthong.core.xml.SecureXml;
import vn.lienthong.core.xml.UnsafeXmlException;
import vn.lienthong.core.xml.XmlLimits;

/**
 * The signer's certificate of an envelope the hub accepted, read from its stored form: the
 * {@code X509Certificate} of the XML signature in {@code edXMLHeader} when it holds exactly one (the
 * one the envelope verifier took at intake); with several, which one the verifier took depends on
 * namespaces and places (a foreign-namespace one before the real one was taken here), so it is
 * empty and the caller asks the verifier. Like that verifier it goes by local names: producers write the
 * signature in the XML-DSig namespace, in none, or in the envelope's default one. Intake already
 * verified that signature, so this only finds the certificate, and it stops at the end of the
 * header: the attachments, which follow, are never read (a 1 GB envelope costs what a 10 KB one
 * does). An envelope this strict reader cannot read
 * (stray bytes before the XML declaration, which intake tolerates) gives empty: the caller then
 * reads it the lenient way.
 */
final class StoredSigner {

  private StoredSigner() {}

  /** The certificate, or empty when the header carries no signature certificate (or is not readable). */
  static Optional<X509Certificate> of(InputStream envelope) {
    XMLStreamReader r = null;
    try {
      r = SecureXml.newStreamReader(envelope, XmlLimits.DEFAULTS);
      boolean inSignature = false;
      String found = null;
      while (SecureXml.hasNext(r)) {
        int event = SecureXml.next(r);
        if (event == XMLStreamConstants.START_ELEMENT) {
          inSignature |= "Signature".equals(r.getLocalName());
          if (inSignature && "X509Certificate".equals(r.getLocalName())) {
            if (found != null) {
              // which one the verifier took depends on namespaces and places (KeyInfo is not
              // signed: a sender can put another unit's certificate before its own, in a foreign
              // namespace the verifier ignores): the caller asks the verifier itself
              return Optional.empty();
            }
            found = r.getElementText();
          }
        } else if (event == XMLStreamConstants.END_ELEMENT && "edXMLHeader".equals(r.getLocalName())) {
          break;
        }
      }
      return found == null ? Optional.empty() : Optional.of(certificate(found));
    } catch (XMLStreamException | CertificateException | IllegalArgumentException | UnsafeXmlException e) {
      return Optional.empty();
    } finally {
      close(r);
    }
  }

  private static void close(XMLStreamReader r) {
    try {
      if (r != null) {
        r.close();
      }
    } catch (XMLStreamException e) {
      // nothing held but the stream, which the caller closes
    }
  }

  private static X509Certificate certificate(String base64) throws CertificateException {
    byte[] der = Base64.getMimeDecoder().decode(base64);
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }
}
