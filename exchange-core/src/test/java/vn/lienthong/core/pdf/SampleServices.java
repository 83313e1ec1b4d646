package vn.lienthong.core.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;

/**
 * A freshly generated sample PKI with its OCSP, TSA and CRL services on a free loopback port:
 * what a signing test needs online.
 */
final class SampleServices implements AutoCloseable {

  final Clock clock = Clock.systemUTC();
  final SampleCaServer server;
  final SamplePki pki;

  SampleServices(KeyKind keyKind) throws IOException {
    server = SampleCaServer.bind(0, clock);
    pki = DemoSet.generator(keyKind, server.urls()).clock(clock).build().generate();
    server.start(pki);
  }

  PdfSigner signer() {
    return PdfSigner.builder().clock(clock).timeStampAuthority(server.urls().tsa())
        .trustAnchors(pki.trustAnchors()).build();
  }

  PdfExtender extender() {
    return PdfExtender.builder(server.urls().tsa()).clock(clock)
        .trustAnchors(pki.trustAnchors()).build();
  }

  SigningKey key(String alias) {
    Credential c = pki.credential(alias);
    return SigningKey.of(c.privateKey(), c.chain());
  }

  /** Writes a credential as a PKCS#12 file, as agencies keep their keys. */
  Path pkcs12(String alias, Path file, char[] password) throws Exception {
    Credential c = pki.credential(alias);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(alias, c.privateKey(), password, c.chain().toArray(new Certificate[0]));
    try (var out = Files.newOutputStream(file)) {
      store.store(out, password);
    }
    return file;
  }

  static byte[] image(String name) {
    try (InputStream in = SampleServices.class.getResourceAsStream(
        "/vn/lienthong/sample/images/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] signatureImage() {
    return image("sample-signature.png");
  }

  static byte[] sealImage() {
    return image("sample-seal.png");
  }

  @Override
  public void close() {
    server.close();
  }
}
