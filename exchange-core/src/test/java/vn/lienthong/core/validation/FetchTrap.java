package vn.lienthong.core.validation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** A loopback HTTP server that records every request and answers fixed bodies by path. */
final class FetchTrap implements AutoCloseable {

  final HttpServer server;
  final List<String> requests = new CopyOnWriteArrayList<>();
  final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

  FetchTrap() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fetch-trap");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
    exchange.getRequestBody().readAllBytes();
    byte[] body = bodies.get(exchange.getRequestURI().getPath());
    if (body == null) {
      exchange.sendResponseHeaders(404, -1);
    } else {
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  static Extension ocspAia(String url) throws IOException {
    return new Extension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
        new AccessDescription(AccessDescription.id_ad_ocsp,
            new GeneralName(GeneralName.uniformResourceIdentifier, url))).getEncoded());
  }

  static Extension cdp(String url) throws IOException {
    return new Extension(Extension.cRLDistributionPoints, false, new CRLDistPoint(
        new DistributionPoint[] {new DistributionPoint(new DistributionPointName(
            new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url))),
            null, null)}).getEncoded());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
