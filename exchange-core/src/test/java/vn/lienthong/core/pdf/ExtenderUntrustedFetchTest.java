package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.sample.pki.KeyKind;

/**
 * PdfExtender given trust anchors raises documents it received to B-LT: a signature under a root
 * it does not trust must not make it ask the URLs that signature's certificates name (a PDF
 * anyone can make then had the extender's machine request any address of its own network).
 */
class ExtenderUntrustedFetchTest {

  @TempDir Path dir;

  private static X509Certificate mint(X500Name issuer, java.security.PrivateKey issuerKey,
      String subject, KeyPair kp, boolean ca, String crlUrl) throws Exception {
    Instant now = Instant.now();
    var b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minusSeconds(86400)), Date.from(now.plusSeconds(86400)),
        new X500Name(subject), kp.getPublic());
    if (ca) {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      b.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
      b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(
          new DistributionPoint[] {new DistributionPoint(new DistributionPointName(
              new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl))),
              null, null)}));
    }
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }

  @Test
  void aSignatureUnderAnUntrustedRootMakesTheExtenderFetchNothing() throws Exception {
    List<String> requests = new CopyOnWriteArrayList<>();
    AtomicReference<byte[]> crl = new AtomicReference<>();
    HttpServer trap = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    trap.createContext("/", exchange -> {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
      byte[] body = crl.get();
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    trap.start();
    try (SampleServices services = new SampleServices(KeyKind.EC_P256)) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(256);
      KeyPair rootKeys = g.generateKeyPair();
      KeyPair signerKeys = g.generateKeyPair();
      X500Name rootName = new X500Name("CN=Self-made Root,C=VN");
      X509Certificate root = mint(rootName, rootKeys.getPrivate(), "CN=Self-made Root,C=VN",
          rootKeys, true, null);
      X509Certificate signer = mint(rootName, rootKeys.getPrivate(), "CN=Self-made Signer,C=VN",
          signerKeys, false, "http://127.0.0.1:" + trap.getAddress().getPort()
              + "/internal/admin?delete=all");
      var crlBuilder = new X509v2CRLBuilder(rootName, Date.from(Instant.now().minusSeconds(60)));
      crlBuilder.setNextUpdate(Date.from(Instant.now().plusSeconds(3600)));
      crl.set(crlBuilder.build(new JcaContentSignerBuilder("SHA256withECDSA")
          .build(rootKeys.getPrivate())).getEncoded());
      Path signed = dir.resolve("signed.pdf");
      PdfSigner.builder().build().sign(TestPdfs.letter(dir.resolve("in.pdf"), 1), signed,
          SigningKey.of(signerKeys.getPrivate(), List.of(signer, root)),
          SignatureOptions.builder().level(PadesLevel.B_B).build());
      requests.clear(); // what signing asked (the signer's own CA) is not the question

      Path out = dir.resolve("lt.pdf");
      assertThatThrownBy(() -> services.extender().extend(signed, out, PadesLevel.B_LT))
          .as("extending a signature under a root the extender does not trust")
          .isInstanceOf(PdfSigningException.class);
      assertThat(requests).as("requests the extender made for the untrusted signature")
          .isEmpty();
      assertThat(out).doesNotExist();
    } finally {
      trap.stop(0);
    }
  }
}
