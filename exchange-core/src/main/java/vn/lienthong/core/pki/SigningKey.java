package vn.lienthong.core.pki;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import vn.lienthong.core.pki.PkiException.Reason;

/**
 * A private key with its certificate chain, from a PKCS#12 file, a PKCS#11 token (as clerks'
 * USB tokens are) or memory. A token's key never leaves the token: signing runs through the
 * token's JCA provider, which {@link #provider()} names.
 */
public final class SigningKey {

  private final PrivateKey privateKey;
  private final List<X509Certificate> chain;
  private final Provider provider;

  private SigningKey(PrivateKey privateKey, List<X509Certificate> chain, Provider provider) {
    this.privateKey = requireNonNull(privateKey, "privateKey");
    this.chain = List.copyOf(requireNonNull(chain, "chain"));
    if (this.chain.isEmpty()) {
      throw new IllegalArgumentException("chain is empty: the signing certificate is needed");
    }
    this.provider = provider;
  }

  /** A key held in memory, with its certificate first, then its issuers. */
  public static SigningKey of(PrivateKey privateKey, List<X509Certificate> chain) {
    return new SigningKey(privateKey, chain, null);
  }

  /**
   * The key of a PKCS#12 file: the one under {@code alias}, or the only key entry when alias is
   * null.
   *
   * @throws PkiException WRONG_PASSWORD, KEY_NOT_FOUND or KEYSTORE_UNAVAILABLE
   */
  public static SigningKey fromPkcs12(Path file, char[] password, String alias)
      throws PkiException {
    requireNonNull(file, "file");
    requireNonNull(password, "password");
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      return fromKeyStore(store, password, alias, null);
    } catch (NoSuchFileException e) {
      throw new PkiException(Reason.KEYSTORE_UNAVAILABLE, "No keystore file " + file, e);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException
          || String.valueOf(e.getMessage()).contains("password")) {
        throw new PkiException(Reason.WRONG_PASSWORD, "Wrong password for " + file, e);
      }
      throw new PkiException(Reason.KEYSTORE_UNAVAILABLE, "Cannot read keystore " + file, e);
    } catch (GeneralSecurityException e) {
      throw new PkiException(Reason.KEYSTORE_UNAVAILABLE, "Cannot read keystore " + file, e);
    }
  }

  /**
   * The key on a PKCS#11 token through the JDK's SunPKCS11 provider.
   *
   * @param configFile a SunPKCS11 configuration (library, slot), see the JDK's PKCS#11 guide
   * @param pin the user PIN
   * @param alias the key's label on the token, or null for the only key
   * @throws PkiException WRONG_PASSWORD, KEY_NOT_FOUND or KEYSTORE_UNAVAILABLE
   */
  public static SigningKey fromPkcs11(Path configFile, char[] pin, String alias)
      throws PkiException {
    requireNonNull(configFile, "configFile");
    requireNonNull(pin, "pin");
    Provider provider;
    try {
      provider = Security.getProvider("SunPKCS11").configure(configFile.toString());
    } catch (RuntimeException e) {
      throw new PkiException(Reason.KEYSTORE_UNAVAILABLE,
          "Cannot open the PKCS#11 token of " + configFile + ": " + e.getMessage(), e);
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS11", provider);
      store.load(null, pin);
      return fromKeyStore(store, pin, alias, provider);
    } catch (IOException e) {
      if (pinRefused(e)) {
        throw new PkiException(Reason.WRONG_PASSWORD, "The token refused the PIN", e);
      }
      throw new PkiException(Reason.KEYSTORE_UNAVAILABLE, "Cannot log in to the token", e);
    } catch (GeneralSecurityException e) {
      throw new PkiException(Reason.KEYSTORE_UNAVAILABLE, "Cannot read the token", e);
    }
  }

  /** SunPKCS11 wraps the token's CKR_PIN_INCORRECT in a FailedLoginException, then more. */
  private static boolean pinRefused(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof javax.security.auth.login.FailedLoginException
          || String.valueOf(t.getMessage()).contains("CKR_PIN_INCORRECT")
          || String.valueOf(t.getMessage()).contains("CKR_PIN_LEN_RANGE")) {
        return true;
      }
    }
    return false;
  }

  private static SigningKey fromKeyStore(KeyStore store, char[] password, String alias,
      Provider provider) throws GeneralSecurityException, PkiException {
    List<String> keyAliases = new ArrayList<>();
    for (String a : Collections.list(store.aliases())) {
      if (store.isKeyEntry(a)) {
        keyAliases.add(a);
      }
    }
    String chosen = alias;
    if (chosen == null) {
      if (keyAliases.size() != 1) {
        throw new PkiException(Reason.KEY_NOT_FOUND, "Expected exactly one key, found "
            + keyAliases + ": name the alias");
      }
      chosen = keyAliases.get(0);
    } else if (!keyAliases.contains(chosen)) {
      throw new PkiException(Reason.KEY_NOT_FOUND, "No key '" + alias + "'; keys: " + keyAliases);
    }
    Key key;
    try {
      key = store.getKey(chosen, password);
    } catch (UnrecoverableKeyException e) {
      throw new PkiException(Reason.WRONG_PASSWORD, "Wrong password for key " + chosen, e);
    }
    Certificate[] certs = store.getCertificateChain(chosen);
    if (!(key instanceof PrivateKey) || certs == null || certs.length == 0) {
      throw new PkiException(Reason.KEY_NOT_FOUND, "Entry " + chosen + " has no key and chain");
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (Certificate c : certs) {
      chain.add((X509Certificate) c);
    }
    return new SigningKey((PrivateKey) key, chain, provider);
  }

  /** The private key (on a token, a handle to it). */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** The signing certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** The certificate, then its issuers as the keystore had them. */
  public List<X509Certificate> chain() {
    return chain;
  }

  /** The provider that must sign with this key: a token's; empty for software keys. */
  public Optional<Provider> provider() {
    return Optional.ofNullable(provider);
  }
}
