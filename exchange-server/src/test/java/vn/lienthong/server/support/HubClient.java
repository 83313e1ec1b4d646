package vn.lienthong.server.support;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.server.api.ws.ExchangePortType;

/** A CXF JAX-WS client of the hub over HTTPS with a unit's system certificate, MTOM on. */
public final class HubClient {

  private HubClient() {}

  /** A client authenticating with {@code credential} (TLS and WS-Security signature), trusting {@code anchors}. */
  public static ExchangePortType connect(String address, Credential credential, List<X509Certificate> anchors) {
    return connect(address, credential, credential, anchors, java.time.Clock.systemUTC());
  }

  /**
   * A client whose TLS identity is {@code tls} and whose requests are signed with {@code signer}
   * (null: unsigned) with Timestamps from {@code clock}.
   */
  public static ExchangePortType connect(String address, Credential tls, Credential signer,
      List<X509Certificate> anchors, java.time.Clock clock) {
    Credential credential = tls;
    JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
    f.setServiceClass(ExchangePortType.class);
    f.setAddress(address);
    f.setProperties(new java.util.HashMap<>(Map.of("mtom-enabled", Boolean.TRUE)));
    if (signer != null) {
      f.getOutInterceptors().add(RequestSigning.interceptor(signer.privateKey(), signer.chain(), clock));
    }
    ExchangePortType port = (ExchangePortType) f.create();
    Client client = ClientProxy.getClient(port);
    HTTPConduit conduit = (HTTPConduit) client.getConduit();
    conduit.setTlsClientParameters(tls(credential, anchors));
    HTTPClientPolicy policy = new HTTPClientPolicy();
    policy.setConnectionTimeout(10_000);
    policy.setReceiveTimeout(600_000);
    policy.setAllowChunking(true);
    conduit.setClient(policy);
    return port;
  }

  /** A client with the unit's system certificate from the test PKI. */
  public static ExchangePortType of(String address, String organId) {
    return connect(address, TestPki.PKI.system(organId), TestPki.PKI.trustAnchors());
  }

  static TLSClientParameters tls(Credential credential, List<X509Certificate> anchors) {
    ClientTls tls = ClientTls.of(credential, anchors);
    TLSClientParameters p = new TLSClientParameters();
    p.setKeyManagers(tls.keyManagers());
    p.setTrustManagers(tls.trustManagers());
    return p;
  }
}
