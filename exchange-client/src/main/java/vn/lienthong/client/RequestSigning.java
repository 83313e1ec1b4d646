package vn.lienthong.client;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.SecurityActionToken;
import org.apache.wss4j.common.crypto.CryptoType;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.action.Action;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.handler.WSHandler;
import org.apache.wss4j.dom.message.WSSecTimestamp;
import vn.lienthong.core.pki.CryptoProviders;

/**
 * Signs every request as the hub requires (issue 6): a {@code wsu:Timestamp} (five minutes) and
 * an XML signature over it and the SOAP Body with the unit's system key — RSA-SHA256 or
 * ECDSA-SHA256, SHA-256 digests, exclusive C14N, the certificate in a BinarySecurityToken. MTOM
 * attachments stay attachments: the signature covers the Body's {@code xop:Include}, not the
 * bytes (the request's {@code EnvelopeSha256} binds them), so large envelopes still stream. The
 * key may live on a token: WSS4J gets it through {@link UnitKey}, never as bytes.
 */
final class RequestSigning {

  private static final String KEY_REF = "lienthong.unit-key";
  private static final String ALIAS = "unit";
  private static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

  private RequestSigning() {}

  /** The out-interceptor signing with {@code key}; {@code clock} dates the Timestamp. */
  static WSS4JOutInterceptor interceptor(PrivateKey key, List<X509Certificate> chain, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    Optional<PrivateKey> software = CryptoProviders.softwareKey(key);
    Provider provider = software.isPresent() ? CryptoProviders.bouncyCastle() : null;
    Map<String, Object> p = new HashMap<>();
    p.put(ConfigurationConstants.ACTION, ConfigurationConstants.TIMESTAMP + " " + ConfigurationConstants.SIGNATURE);
    p.put(ConfigurationConstants.USER, ALIAS);
    p.put(ConfigurationConstants.SIG_PROP_REF_ID, KEY_REF);
    p.put(KEY_REF, new UnitKey(software.orElse(key), chain));
    p.put(ConfigurationConstants.PW_CALLBACK_REF, (CallbackHandler) RequestSigning::noPassword);
    p.put(ConfigurationConstants.SIG_KEY_ID, "DirectReference");
    p.put(ConfigurationConstants.SIG_ALGO, "EC".equals(key.getAlgorithm()) ? WSConstants.ECDSA_SHA256 : WSConstants.RSA_SHA256);
    p.put(ConfigurationConstants.SIG_DIGEST_ALGO, WSConstants.SHA256);
    p.put(ConfigurationConstants.SIG_C14N_ALGO, WSConstants.C14N_EXCL_OMIT_COMMENTS);
    p.put(ConfigurationConstants.SIGNATURE_PARTS,
        "{Element}{" + WSU + "}Timestamp;{Element}{http://schemas.xmlsoap.org/soap/envelope/}Body");
    p.put(ConfigurationConstants.TTL_TIMESTAMP, "300");
    p.put(ConfigurationConstants.EXPAND_XOP_INCLUDE, "false");
    p.put(ConfigurationConstants.STORE_BYTES_IN_ATTACHMENT, "false");
    p.put(WSS4JOutInterceptor.WSS4J_ACTION_MAP, Map.of(WSConstants.TS, new ClockTimestamp(clock)));
    return new WSS4JOutInterceptor(p) {
      @Override
      protected void decodeSignatureParameter(RequestData data) throws WSSecurityException {
        super.decodeSignatureParameter(data);
        if (provider != null) {
          data.setSignatureProvider(provider);
        }
      }
    };
  }

  private static void noPassword(Callback[] callbacks) {
    for (Callback c : callbacks) {
      if (c instanceof WSPasswordCallback pc) {
        pc.setPassword(""); // the key object is already unlocked (PKCS#12 read, token logged in)
      }
    }
  }

  /** The Timestamp action with the client's clock instead of the system's. */
  private record ClockTimestamp(Clock clock) implements Action {
    @Override
    public void execute(WSHandler handler, SecurityActionToken token, RequestData data) throws WSSecurityException {
      WSSecTimestamp ts = new WSSecTimestamp(data.getSecHeader());
      ts.setIdAllocator(data.getWssConfig().getIdAllocator());
      ts.setPrecisionInMilliSeconds(data.isPrecisionInMilliSeconds());
      ts.setTimeToLive(data.getTimeStampTTL());
      ts.setWsTimeSource(clock::instant);
      ts.setWsDocInfo(data.getWsDocInfo());
      ts.setExpandXopInclude(data.isExpandXopInclude());
      ts.build();
    }
  }

  /** WSS4J's crypto over one key and chain that may live on a token. */
  private static final class UnitKey extends Merlin {
    private final PrivateKey key;
    private final X509Certificate[] chain;

    UnitKey(PrivateKey key, List<X509Certificate> chain) {
      this.key = Objects.requireNonNull(key, "key");
      this.chain = chain.toArray(new X509Certificate[0]);
      if (this.chain.length == 0) {
        throw new IllegalArgumentException("empty certificate chain");
      }
    }

    @Override
    public X509Certificate[] getX509Certificates(CryptoType type) {
      return chain.clone();
    }

    @Override
    public String getX509Identifier(X509Certificate cert) {
      return ALIAS;
    }

    @Override
    public PrivateKey getPrivateKey(X509Certificate certificate, CallbackHandler handler) {
      return key;
    }

    @Override
    public PrivateKey getPrivateKey(PublicKey publicKey, CallbackHandler handler) {
      return key;
    }

    @Override
    public PrivateKey getPrivateKey(String identifier, String password) {
      return key;
    }
  }
}
