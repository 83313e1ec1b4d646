package vn.lienthong.client;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import vn.lienthong.core.pki.SigningKey;

/** The TLS client identity: from a key store, or from core's {@link SigningKey} (a token's key never leaves it). */
final class KeyManagers {

  private KeyManagers() {}

  static KeyManager[] of(KeyStore store, char[] password) {
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      return kmf.getKeyManagers();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("unusable key store: " + e.getMessage(), e);
    }
  }

  static KeyManager[] of(SigningKey key) {
    return new KeyManager[] {new Single(key)};
  }

  /** Always offers the one key, whatever the server asks. */
  private static final class Single extends X509ExtendedKeyManager {
    private static final String ALIAS = "unit";
    private final SigningKey key;

    Single(SigningKey key) {
      this.key = key;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {ALIAS};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return ALIAS;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return ALIAS;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return new String[0];
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return key.chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return key.privateKey();
    }
  }
}
