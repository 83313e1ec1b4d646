package vn.lienthong.client;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import vn.lienthong.client.ws.ExchangePortType;

/** The CXF proxy of one client: its own bus, mutual TLS, MTOM, chunked streaming, timeouts. */
final class Transport implements AutoCloseable {

  private final Bus bus;
  private final ExchangePortType port;

  private Transport(Bus bus, ExchangePortType port) {
    this.bus = bus;
    this.port = port;
  }

  static Transport open(String address, KeyManager[] identity, KeyStore trust, Duration connect,
      Duration receive, Path spoolDir, org.apache.cxf.interceptor.Interceptor<?> signing) {
    Bus bus = BusFactory.newInstance().createBus();
    // HttpURLConnection, whose read timeout holds for every read of the answer: the JDK
    // HttpClient's (CXF's default conduit) ends at the answer's headers, so a hub or proxy that
    // stalled in the middle of its body held the caller forever
    bus.setProperty("force.urlconnection.http.conduit", Boolean.TRUE);
    try {
      JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
      f.setBus(bus);
      f.setServiceClass(ExchangePortType.class);
      f.setAddress(address);
      Map<String, Object> props = new HashMap<>();
      props.put("mtom-enabled", Boolean.TRUE);
      // incoming envelopes past 256 KiB are spooled to disk, never held whole in memory
      props.put("attachment-directory", spoolDir.toString());
      props.put("attachment-memory-threshold", String.valueOf(256 * 1024));
      f.setProperties(props);
      f.getOutInterceptors().add(
          (org.apache.cxf.interceptor.Interceptor<? extends org.apache.cxf.message.Message>) signing);
      ExchangePortType port = (ExchangePortType) f.create();
      Client client = ClientProxy.getClient(port);
      client.getRequestContext().putAll(props);
      HTTPConduit conduit = (HTTPConduit) client.getConduit();
      conduit.setTlsClientParameters(tls(identity, trust));
      HTTPClientPolicy policy = new HTTPClientPolicy();
      policy.setConnectionTimeout(connect.toMillis());
      policy.setReceiveTimeout(receive.toMillis());
      policy.setAllowChunking(true);
      conduit.setClient(policy);
      return new Transport(bus, port);
    } catch (RuntimeException e) {
      bus.shutdown(false);
      throw e;
    }
  }

  private static TLSClientParameters tls(KeyManager[] identity, KeyStore trust) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      TLSClientParameters p = new TLSClientParameters();
      p.setKeyManagers(identity);
      p.setTrustManagers(tmf.getTrustManagers());
      p.setDisableCNCheck(false);
      return p;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("unusable key or trust store: " + e.getMessage(), e);
    }
  }

  ExchangePortType port() {
    return port;
  }

  @Override
  public void close() {
    try {
      // closes the conduit, which releases its HttpClient (selector thread, pooled connections to
      // the hub); shutting the bus down alone leaves them until the garbage collector finds them
      ClientProxy.getClient(port).destroy();
    } finally {
      bus.shutdown(true);
    }
  }
}
