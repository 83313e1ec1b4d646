package vn.lienthong.server.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecSignature;
import org.apache.wss4j.dom.message.WSSecTimestamp;
import org.w3c.dom.Document;
import vn.lienthong.sample.pki.Credential;

/**
 * Requests made by hand, for what a well-behaved client never sends: signed SOAP documents built
 * with WSS4J's DOM API (chosen parts, chosen clock), changed afterwards if a test wants, and
 * POSTed as raw bytes over HTTPS with a client certificate.
 */
public final class RawSoap {

  public static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
  public static final String NS = "urn:lienthong:exchange:1";

  /** What the hub answered: HTTP status and body. */
  public record Answer(int status, String body) {
    /** The fault's Code, or null when the answer is no typed fault. */
    public String faultCode() {
      Matcher m = Pattern.compile("<(?:\\w+:)?Code>([A-Z_]+)</").matcher(body);
      return m.find() ? m.group(1) : null;
    }

    /** The fault's Message, or empty. */
    public String faultMessage() {
      Matcher m = Pattern.compile("<(?:\\w+:)?Message>([^<]*)</").matcher(body);
      return m.find() ? m.group(1) : "";
    }
  }

  private RawSoap() {}

  /** A GetPendingMessages request for at most {@code max} entries, unsigned. */
  public static Document pendingRequest(int max) {
    return parse("<soap:Envelope xmlns:soap=\"" + SOAP + "\"><soap:Header/><soap:Body>"
        + "<ns:GetPendingMessagesRequest xmlns:ns=\"" + NS + "\"><ns:Max>" + max + "</ns:Max>"
        + "</ns:GetPendingMessagesRequest></soap:Body></soap:Envelope>");
  }

  /** A SendDocument request carrying {@code envelope} inline (as zeep sends it), unsigned. */
  public static Document sendRequest(byte[] envelope) {
    return parse("<soap:Envelope xmlns:soap=\"" + SOAP + "\"><soap:Header/><soap:Body>"
        + "<ns:SendDocumentRequest xmlns:ns=\"" + NS + "\"><ns:Envelope>" + Base64.getEncoder().encodeToString(envelope)
        + "</ns:Envelope><ns:EnvelopeSha256>" + Calls.sha256(envelope) + "</ns:EnvelopeSha256></ns:SendDocumentRequest>"
        + "</soap:Body></soap:Envelope>");
  }

  /** Parses XML, namespace aware. */
  public static Document parse(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Adds a Timestamp dated by {@code clock} and a signature by {@code signer} (BinarySecurityToken,
   * SHA-256) over the Body when {@code signBody} and the Timestamp when {@code signTimestamp}.
   */
  public static Document sign(Document doc, Credential signer, Clock clock, boolean signTimestamp,
      boolean signBody) {
    try {
      WSSConfig.init();
      WSSecHeader header = new WSSecHeader(doc);
      header.insertSecurityHeader();
      WSSecTimestamp ts = new WSSecTimestamp(header);
      ts.setTimeToLive(300);
      ts.setWsTimeSource(clock::instant);
      ts.build();
      WSSecSignature sig = new WSSecSignature(header);
      sig.setUserInfo("unit", "");
      sig.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
      sig.setSignatureAlgorithm("EC".equals(signer.privateKey().getAlgorithm()) ? WSConstants.ECDSA_SHA256
          : WSConstants.RSA_SHA256);
      sig.setDigestAlgo(WSConstants.SHA256);
      sig.setSigCanonicalization(WSConstants.C14N_EXCL_OMIT_COMMENTS);
      if (signTimestamp) {
        sig.getParts().add(new WSEncryptionPart("Timestamp", WSConstants.WSU_NS, "Element"));
      }
      if (signBody) {
        sig.getParts().add(new WSEncryptionPart("Body", SOAP, "Element"));
      }
      sig.build(new RequestSigning.UnitKey(signer.privateKey(), signer.chain()));
      return doc;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The document's bytes (UTF-8). */
  public static byte[] bytes(Document doc) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
      return out.toByteArray();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** POSTs {@code body} as a SOAP 1.1 request with {@code tls} as the client certificate. */
  public static Answer post(String address, Credential tls, List<X509Certificate> anchors, byte[] body) {
    return post(address, context(tls, anchors), body);
  }

  /**
   * POSTs {@code body} presenting exactly {@code chain}, in that order, as the TLS client
   * certificate chain (what a client may put there, not what a key store would).
   */
  public static Answer post(String address, PrivateKey key, X509Certificate[] chain, List<X509Certificate> anchors,
      byte[] body) {
    X509ExtendedKeyManager presenting = new X509ExtendedKeyManager() {
      @Override
      public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {"k"};
      }

      @Override
      public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return "k";
      }

      @Override
      public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return "k";
      }

      @Override
      public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
      }

      @Override
      public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
      }

      @Override
      public X509Certificate[] getCertificateChain(String alias) {
        return chain.clone();
      }

      @Override
      public PrivateKey getPrivateKey(String alias) {
        return key;
      }
    };
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(new KeyManager[] {presenting}, ClientTls.of(null, anchors).trustManagers(), null);
      return post(address, ctx, body);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Answer post(String address, SSLContext tls, byte[] body) {
    try {
      HttpsURLConnection c = (HttpsURLConnection) URI.create(address).toURL().openConnection();
      c.setSSLSocketFactory(tls.getSocketFactory());
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "text/xml; charset=UTF-8");
      c.setRequestProperty("SOAPAction", "\"\"");
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
      int status = c.getResponseCode();
      try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
        return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An SSL context presenting {@code tls} (null: no client certificate) and trusting {@code anchors}. */
  public static SSLContext context(Credential tls, List<X509Certificate> anchors) {
    return ClientTls.of(tls, anchors).context();
  }
}
