package vn.lienthong.server;

import java.net.ServerSocket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.apache.cxf.Bus;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.configuration.security.ClientAuthentication;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;

/** The hub's Jetty port: its TLS identity, client certificates required against the configured roots only. */
final class JettyTls {

  private JettyTls() {}

  /** Sets the TLS parameters of {@code host:port} on {@code bus}'s Jetty engine factory. */
  static void configure(Bus bus, String host, int port, TlsMaterial tls) {
    try {
      char[] pw = "hub".toCharArray();
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("hub", tls.key(), pw, tls.chain().toArray(new X509Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, pw);
      KeyStore anchors = KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      List<X509Certificate> roots = tls.trustAnchors();
      for (int i = 0; i < roots.size(); i++) {
        anchors.setCertificateEntry("root-" + i, roots.get(i));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(anchors);
      TLSServerParameters params = new TLSServerParameters();
      params.setKeyManagers(kmf.getKeyManagers());
      params.setTrustManagers(tmf.getTrustManagers());
      ClientAuthentication auth = new ClientAuthentication();
      auth.setWant(true);
      auth.setRequired(true);
      params.setClientAuthentication(auth);
      // TLS 1.3, and 1.2 for older clients; nothing older
      params.setIncludeProtocols(List.of("TLSv1.3", "TLSv1.2"));
      JettyHTTPServerEngineFactory engines = bus.getExtension(JettyHTTPServerEngineFactory.class);
      engines.setTLSServerParametersForPort(host, port, params);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot configure TLS: " + e.getMessage(), e);
    }
  }

  /** The Jetty server CXF runs on {@code port}. */
  static org.eclipse.jetty.server.Server server(Bus bus, int port) {
    return bus.getExtension(JettyHTTPServerEngineFactory.class).retrieveJettyHTTPServerEngine(port).getServer();
  }

  /** {@code port}, or a free port when it is 0. */
  static int portOrFree(int port) {
    if (port != 0) {
      return port;
    }
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
