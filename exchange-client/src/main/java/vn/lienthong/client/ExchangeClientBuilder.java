package vn.lienthong.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import vn.lienthong.core.pki.SigningKey;

/**
 * Builds an {@link ExchangeClient}. Required: {@link #hub}, an identity ({@link #pkcs12} or
 * {@link #identity} — a PKCS#11 token is a {@code KeyStore} of type {@code PKCS11}) and the trust
 * ({@link #trustedRoots} or {@link #trustStore}).
 */
public final class ExchangeClientBuilder {

  private String address;
  private KeyManager[] identity;
  private java.security.PrivateKey signingKey;
  private List<X509Certificate> signingChain;
  private java.time.Clock clock = java.time.Clock.systemUTC();
  private Progress progress = Progress.NONE;
  private KeyStore trust;
  private RetryPolicy retry = RetryPolicy.DEFAULT;
  /** The longest wait {@code Thread.sleep} takes in milliseconds. */
  private static final Duration LONGEST_SLEEP = Duration.ofMillis(Long.MAX_VALUE);

  private Duration connectTimeout = Duration.ofSeconds(10);
  private Duration receiveTimeout = Duration.ofMinutes(10);
  private Path spool;
  private Calls.Sleeper sleeper = d -> Thread.sleep(d.compareTo(LONGEST_SLEEP) > 0 ? Long.MAX_VALUE : d.toMillis());

  ExchangeClientBuilder() {}

  /** The hub's address, e.g. {@code https://hub.example:8443/exchange}. */
  public ExchangeClientBuilder hub(String address) {
    if (!address.startsWith("https://")) {
      throw new IllegalArgumentException("the hub is reached over HTTPS only: " + address);
    }
    this.address = address;
    return this;
  }

  /** The unit's system key and certificate chain from a PKCS#12 file. */
  public ExchangeClientBuilder pkcs12(Path file, char[] password) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      return identity(ks, password);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a usable PKCS#12 file: " + file, e);
    }
  }

  /**
   * The unit's key from a loaded key store holding one key entry: PKCS#12, or a PKCS#11 token
   * ({@code KeyStore.getInstance("PKCS11", provider)}, loaded with the PIN). A store with several
   * keys (a token with the signer's, the seal's and the system key) is refused: TLS and WS-Security
   * would each pick one, perhaps not the same; name the system key with
   * {@code identity(SigningKey.fromPkcs11(config, pin, alias))} instead.
   *
   * @throws IllegalArgumentException when the store holds no key entry or more than one
   */
  public ExchangeClientBuilder identity(KeyStore keyStore, char[] password) {
    Objects.requireNonNull(keyStore, "keyStore");
    try {
      List<String> keys = java.util.Collections.list(keyStore.aliases()).stream()
          .filter(a -> isKeyEntry(keyStore, a)).toList();
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("the key store holds no key entry");
      }
      if (keys.size() > 1) {
        throw new IllegalArgumentException("the key store holds " + keys.size() + " keys " + keys + ": choose the "
            + "unit's system key with identity(SigningKey.fromPkcs12 or fromPkcs11(..., alias))");
      }
      this.identity = KeyManagers.of(keyStore, password);
      this.signingKey = (java.security.PrivateKey) keyStore.getKey(keys.get(0), password);
      this.signingChain = java.util.Arrays.stream(keyStore.getCertificateChain(keys.get(0)))
          .map(c -> (X509Certificate) c).toList();
      return this;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("unusable key store: " + e.getMessage(), e);
    }
  }

  private static boolean isKeyEntry(KeyStore keyStore, String alias) {
    try {
      return keyStore.isKeyEntry(alias);
    } catch (java.security.KeyStoreException e) {
      throw new IllegalArgumentException("unusable key store: " + e.getMessage(), e);
    }
  }

  /**
   * The unit's key as core loads it ({@code SigningKey.fromPkcs12}, {@code fromPkcs11}). The TLS
   * layer finds a token's signature only among the JVM's installed providers, so a token's
   * provider is added to them (once per provider name; the key never leaves the token).
   *
   * @throws IllegalArgumentException when another provider of the same name (the same token
   *     configuration loaded twice in this JVM) is installed already: that one cannot sign with
   *     this key, so load a token once and reuse its {@code SigningKey}
   */
  public ExchangeClientBuilder identity(SigningKey key) {
    Objects.requireNonNull(key, "key");
    key.provider().ifPresent(p -> {
      java.security.Provider installed = java.security.Security.getProvider(p.getName());
      if (installed == null) {
        java.security.Security.addProvider(p);
      } else if (installed != p) {
        throw new IllegalArgumentException("The token provider " + p.getName()
            + " is installed already for an earlier key: load the token once per process and reuse its key");
      }
    });
    this.identity = KeyManagers.of(key);
    this.signingKey = key.privateKey();
    this.signingChain = key.chain();
    return this;
  }

  /** Told how envelope uploads and downloads progress. */
  public ExchangeClientBuilder progress(Progress progress) {
    this.progress = Objects.requireNonNull(progress, "progress");
    return this;
  }

  /** The roots the hub's TLS certificate must chain to. */
  public ExchangeClientBuilder trustedRoots(Collection<X509Certificate> roots) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      int i = 0;
      for (X509Certificate root : List.copyOf(roots)) {
        ks.setCertificateEntry("root-" + i++, root);
      }
      return trustStore(ks);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the trust store", e);
    }
  }

  /** A trust store of the roots the hub's TLS certificate must chain to. */
  public ExchangeClientBuilder trustStore(KeyStore trustStore) {
    this.trust = Objects.requireNonNull(trustStore, "trustStore");
    return this;
  }

  /** Retries of network failures; {@link RetryPolicy#DEFAULT} unless set. */
  public ExchangeClientBuilder retry(RetryPolicy policy) {
    this.retry = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /** Connection and receive timeouts (10 s, 10 min by default). */
  public ExchangeClientBuilder timeouts(Duration connect, Duration receive) {
    this.connectTimeout = Objects.requireNonNull(connect, "connect");
    this.receiveTimeout = Objects.requireNonNull(receive, "receive");
    return this;
  }

  /** Where large incoming envelopes are spooled while they arrive (the system temp dir by default). */
  public ExchangeClientBuilder spoolDirectory(Path dir) {
    this.spool = Objects.requireNonNull(dir, "dir");
    return this;
  }

  /** Tests: how backoff waits. */
  ExchangeClientBuilder sleeper(Calls.Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /** Tests: the clock that dates the WS-Security Timestamp of each request. */
  ExchangeClientBuilder clock(java.time.Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** The client; it holds the connections until closed. */
  public ExchangeClient build() {
    if (address == null || identity == null || trust == null) {
      throw new IllegalStateException("hub, identity (pkcs12/identity) and trust (trustedRoots/trustStore) are required");
    }
    Path dir = spool != null ? spool : Path.of(System.getProperty("java.io.tmpdir"));
    Transport t = Transport.open(address, identity, trust, connectTimeout, receiveTimeout, dir,
        RequestSigning.interceptor(signingKey, signingChain, clock));
    return new ExchangeClient(t, new Calls(retry, sleeper), progress);
  }
}
