package vn.lienthong.server.support;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import vn.lienthong.sample.pki.Credential;

/**
 * The TLS side of a test client of the hub: a unit's certificate as the client identity (or none)
 * and the given anchors as the only trust, for CXF clients and raw HTTPS connections alike.
 */
public final class ClientTls {

  private final KeyManager[] keyManagers;
  private final TrustManager[] trustManagers;

  private ClientTls(KeyManager[] keyManagers, TrustManager[] trustManagers) {
    this.keyManagers = keyManagers;
    this.trustManagers = trustManagers;
  }

  /** Presenting {@code credential} (null: no client certificate) and trusting {@code anchors}. */
  public static ClientTls of(Credential credential, List<X509Certificate> anchors) {
    try {
      char[] pw = "x".toCharArray();
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      if (credential != null) {
        keys.setKeyEntry("k", credential.privateKey(), pw, credential.chain().toArray(new X509Certificate[0]));
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, pw);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      for (int i = 0; i < anchors.size(); i++) {
        trust.setCertificateEntry("r" + i, anchors.get(i));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      return new ClientTls(kmf.getKeyManagers(), tmf.getTrustManagers());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public KeyManager[] keyManagers() {
    return keyManagers.clone();
  }

  public TrustManager[] trustManagers() {
    return trustManagers.clone();
  }

  /** An SSL context with these managers. */
  public SSLContext context() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keyManagers(), trustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
