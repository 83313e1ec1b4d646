package vn.lienthong.server.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.apache.wss4j.dom.message.token.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lienthong.core.pki.CryptoProviders;
import vn.lienthong.server.auth.CallerResolver;
import vn.lienthong.server.auth.Credentials;
import vn.lienthong.server.auth.JdbcReplayCache;
import vn.lienthong.server.auth.MessageSignature;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;

/**
 * The hub's WS-Security check (WSS4J, DOM): every request must carry a {@code wsu:Timestamp} and
 * an XML signature by a certificate chaining to the configured roots ({@link TrustedRoots}),
 * whose references cover <em>the</em> SOAP Body (the Envelope's own child, so a Body moved into
 * a header does not count) and <em>the</em> Timestamp of the processed Security header, with
 * SHA-256 or stronger digests and signature. The Timestamp's Created may be at most the skew in
 * the past or the future (checked by WSS4J against the system clock: the skew is about real time
 * between two machines). A request already seen is refused (the replay cache, shared through the
 * database). MTOM attachments are not expanded into the DOM ({@code expandXOPInclude=false}): the
 * signature covers the {@code xop:Include} and the request's {@code EnvelopeSha256} binds the
 * attachment's bytes.
 *
 * <p>The outcome goes into the message as a {@link MessageSignature} for the endpoint's caller
 * resolver. A refused signature is answered at once with the contract's typed fault
 * ({@code NOT_AUTHENTICATED}), through the resolver so that it is audited like any refusal.
 */
public final class WsSecurityInterceptor extends WSS4JInInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(WsSecurityInterceptor.class);
  private static final String TRUST = "lienthong.trust";
  private static final Set<String> SIGNATURE_METHODS = Set.of(WSConstants.RSA_SHA256,
      "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
      "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
      "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512", "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1");
  private static final Set<String> DIGESTS = Set.of(WSConstants.SHA256, "http://www.w3.org/2001/04/xmldsig-more#sha384",
      WSConstants.SHA512);

  private final CallerResolver callers;
  private final JdbcReplayCache replay;

  /**
   * @param roots the only roots signing certificates may chain to
   * @param replay the replay cache (shared by the hub processes on one database)
   * @param skewSeconds the Timestamp's allowed age and future skew
   * @param callers answers refusals (and audits them)
   */
  public WsSecurityInterceptor(List<X509Certificate> roots, Clock clock, JdbcReplayCache replay, long skewSeconds,
      CallerResolver callers) {
    super(properties(new TrustedRoots(roots, clock), skewSeconds));
    this.replay = Objects.requireNonNull(replay, "replay");
    this.callers = Objects.requireNonNull(callers, "callers");
  }

  private static Map<String, Object> properties(TrustedRoots trust, long skewSeconds) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConfigurationConstants.ACTION, ConfigurationConstants.TIMESTAMP + " " + ConfigurationConstants.SIGNATURE);
    p.put(ConfigurationConstants.SIG_VER_PROP_REF_ID, TRUST);
    p.put(TRUST, trust);
    p.put(ConfigurationConstants.TIMESTAMP_STRICT, "true");
    p.put(ConfigurationConstants.TTL_TIMESTAMP, String.valueOf(skewSeconds));
    p.put(ConfigurationConstants.TTL_FUTURE_TIMESTAMP, String.valueOf(skewSeconds));
    p.put(ConfigurationConstants.REQUIRE_TIMESTAMP_EXPIRES, "true");
    p.put(ConfigurationConstants.EXPAND_XOP_INCLUDE, "false");
    p.put(ConfigurationConstants.ENABLE_REVOCATION, "false");
    return p;
  }

  /**
   * Verifies with BouncyCastle's provider instead of the JDK's: SunEC verifies ECDSA P-256 about
   * six times slower, and every request of an EC unit carries one.
   */
  @Override
  protected void setAlgorithmSuites(SoapMessage message, RequestData data) throws WSSecurityException {
    super.setAlgorithmSuites(message, data);
    data.setSignatureProvider(CryptoProviders.bouncyCastle());
  }

  /**
   * No replay cache for WSS4J: its identifier hashes the signature value, which an ECDSA signature
   * lets anyone rewrite without the key ((r, s) and (r, n − s) both verify), so a captured request
   * with its value rewritten was a new request to it. {@link #inspect} records the request under
   * what the signature covers instead ({@link #replayIdentifier}).
   */
  @Override
  protected void configureReplayCaches(RequestData data, List<Integer> actions, SoapMessage message) {
    data.setTimestampReplayCache(null);
  }

  /**
   * A request's identity for the replay cache: the signer's certificate, the Timestamp's Created,
   * and the digest of every signed part, all of which the signature fixes; not the signature value,
   * which is malleable. The same signed request, however re-encoded, has the same identity.
   */
  static String replayIdentifier(X509Certificate signer, Timestamp timestamp, List<WSDataRef> refs) {
    MessageDigest sha = sha256();
    try {
      sha.update(signer.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    sha.update(String.valueOf(timestamp.getCreatedString()).getBytes(StandardCharsets.UTF_8));
    for (WSDataRef ref : refs) {
      sha.update((byte) 0);
      sha.update(ref.getDigestAlgorithm().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(ref.getDigestValue());
    }
    return "signed:" + HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void handleMessage(SoapMessage message) throws Fault {
    MessageSignature outcome;
    try {
      super.handleMessage(message);
      outcome = inspect(message);
    } catch (RuntimeException e) {
      Optional<HubException> unreadable = TypedFaults.unreadable(e); // not XML, or past the size limits
      if (unreadable.isPresent()) {
        throw Faults.soapFault(unreadable.get());
      }
      if (e instanceof HubException h && h.error() == HubError.UNAVAILABLE) {
        // the replay record could not be written (database down): the request was not judged.
        // NOT_AUTHENTICATED would tell the client not to retry, and audit an AUTH_FAIL against a
        // legitimate unit if the database is back by then
        throw Faults.soapFault(h);
      }
      outcome = new MessageSignature.Refused(reason(e));
      LOG.debug("WS-Security refused", e);
    }
    message.put(MessageSignature.class, outcome);
    if (outcome instanceof MessageSignature.Refused refused) {
      HubException refusal = new HubException(HubError.NOT_AUTHENTICATED, refused.reason());
      try {
        callers.resolve(new Credentials(TrustedRoots.tlsChain(message), outcome));
      } catch (HubException e) {
        refusal = e;
      }
      throw Faults.soapFault(refusal);
    }
  }

  /**
   * Checks what WSS4J verified: one signature, covering the real Body and Timestamp, strong
   * algorithms; then records the request, refusing one seen before ({@link JdbcReplayCache.Replayed}).
   */
  private MessageSignature inspect(SoapMessage message) {
    Object stored = message.get(WSHandlerConstants.RECV_RESULTS);
    if (!(stored instanceof List<?> handlerResults) || handlerResults.isEmpty()) {
      return refused("không có tiêu đề Security / no Security header");
    }
    Timestamp stampToken = null;
    Element timestamp = null;
    WSSecurityEngineResult signature = null;
    for (Object h : handlerResults) {
      for (WSSecurityEngineResult r : ((WSHandlerResult) h).getResults()) {
        int action = (Integer) r.get(WSSecurityEngineResult.TAG_ACTION);
        if (action == WSConstants.TS) {
          stampToken = (Timestamp) r.get(WSSecurityEngineResult.TAG_TIMESTAMP);
          timestamp = stampToken.getElement();
        } else if (action == WSConstants.SIGN) {
          if (signature != null) {
            return refused("có nhiều hơn một chữ ký / more than one signature");
          }
          signature = r;
        }
      }
    }
    if (timestamp == null || signature == null) {
      return refused("thiếu Timestamp hoặc Signature / Timestamp or Signature missing");
    }
    Object certificate = signature.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
    if (!(certificate instanceof X509Certificate signer)) {
      return refused("chữ ký không kèm chứng thư X.509 / the signature names no X.509 certificate");
    }
    if (!SIGNATURE_METHODS.contains(String.valueOf(signature.get(WSSecurityEngineResult.TAG_SIGNATURE_METHOD)))) {
      return refused("thuật toán ký yếu / signature algorithm below RSA/ECDSA with SHA-256");
    }
    boolean body = false;
    boolean stamp = false;
    @SuppressWarnings("unchecked")
    List<WSDataRef> refs = (List<WSDataRef>) signature.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
    for (WSDataRef ref : refs == null ? List.<WSDataRef>of() : refs) {
      if (!DIGESTS.contains(ref.getDigestAlgorithm())) {
        return refused("thuật toán băm yếu / digest below SHA-256");
      }
      Element e = ref.getProtectedElement();
      body |= isEnvelopeBody(e);
      stamp |= e != null && (e == timestamp || e.isSameNode(timestamp)) && isSecurityHeaderChild(e);
    }
    if (!body) {
      return refused("chữ ký không phủ phần Body của thông điệp / the signature does not cover the SOAP Body");
    }
    if (!stamp) {
      return refused("chữ ký không phủ Timestamp / the signature does not cover the Timestamp");
    }
    replay.add(replayIdentifier(signer, stampToken, refs), stampToken.getExpires());
    return new MessageSignature.Verified(signer);
  }

  private static boolean isEnvelopeBody(Element e) {
    if (e == null || !"Body".equals(e.getLocalName()) || !WSConstants.URI_SOAP11_ENV.equals(e.getNamespaceURI())) {
      return false;
    }
    Node envelope = e.getParentNode();
    return envelope != null && envelope.getParentNode() != null
        && envelope.getParentNode().getNodeType() == Node.DOCUMENT_NODE
        && "Envelope".equals(envelope.getLocalName()) && WSConstants.URI_SOAP11_ENV.equals(envelope.getNamespaceURI());
  }

  private static boolean isSecurityHeaderChild(Element e) {
    Node security = e.getParentNode();
    Node header = security == null ? null : security.getParentNode();
    Node envelope = header == null ? null : header.getParentNode();
    return security != null && WSConstants.WSSE_NS.equals(security.getNamespaceURI())
        && "Security".equals(security.getLocalName()) && header != null && "Header".equals(header.getLocalName())
        && envelope != null && envelope.getParentNode() != null
        && envelope.getParentNode().getNodeType() == Node.DOCUMENT_NODE;
  }

  private static MessageSignature refused(String why) {
    return new MessageSignature.Refused("Chữ ký WS-Security không được chấp nhận: " + why);
  }

  /** A sentence for a WSS4J refusal; WSS4J's own text (English, no stack) is appended for diagnosis. */
  private static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JdbcReplayCache.Replayed) {
        return REPLAY;
      }
      if (t instanceof HubException h) {
        return h.getMessage();
      }
      if (t instanceof WSSecurityException w) {
        String text = String.valueOf(w.getMessage());
        if (text.contains("replay")) {
          return REPLAY;
        }
        String detail = text.length() > 200 ? text.substring(0, 200) : text;
        return switch (w.getErrorCode()) {
          case MESSAGE_EXPIRED -> "Timestamp của thông điệp đã quá hạn hoặc lệch giờ quá 5 phút / the message "
              + "Timestamp is expired or outside the allowed clock skew (" + detail + ")";
          case FAILED_CHECK -> "Chữ ký WS-Security sai / the WS-Security signature does not verify (" + detail + ")";
          case FAILED_AUTHENTICATION, SECURITY_TOKEN_UNAVAILABLE, INVALID_SECURITY_TOKEN ->
              "Chứng thư ký WS-Security không tin cậy được / the WS-Security signing certificate is not trusted ("
              + detail + ")";
          default -> "Thiếu hoặc sai tiêu đề WS-Security (cần Timestamp và Signature) / the WS-Security header is "
              + "missing or not acceptable (a signed Timestamp and Body are required) (" + detail + ")";
        };
      }
    }
    return "Tiêu đề WS-Security không xử lý được / the WS-Security header cannot be processed";
  }

  private static final String REPLAY = "Thông điệp này đã được gửi trước đó (phát lại) / this signed request was "
      + "already received (replay)";
}
