package vn.lienthong.sample.pki;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Reads and writes a {@link SamplePki} as a folder of PKCS#12, PEM and TSV files. */
final class PkiFiles {

  static final String MANIFEST = "manifest.tsv";
  static final String REVOCATIONS = "revocations.tsv";
  static final String PROPERTIES = "pki.properties";
  static final String TRUSTED_ROOTS = "trusted-roots.pem";
  private static final String DEMO_RESOURCE = "/vn/lienthong/sample/pki/demo/";
  private static final String KEY_ENTRY = "key";

  private PkiFiles() {}

  @FunctionalInterface
  interface Opener {
    InputStream open(String name) throws IOException;
  }

  static SamplePki loadDemo() {
    return load(name -> {
      InputStream in = PkiFiles.class.getResourceAsStream(DEMO_RESOURCE + name);
      if (in == null) {
        throw new IOException("Demo PKI resource missing: " + DEMO_RESOURCE + name);
      }
      return in;
    }, SamplePki.DEMO_PASSWORD.toCharArray(), "the demo PKI");
  }

  static SamplePki load(Path directory, char[] password) {
    return load(name -> Files.newInputStream(directory.resolve(name)), password,
        directory.toString());
  }

  static SamplePki load(Opener opener, char[] password, String where) {
    try {
      Properties props = new Properties();
      try (var in = new InputStreamReader(opener.open(PROPERTIES), StandardCharsets.UTF_8)) {
        props.load(in);
      }
      CaUrls urls = new CaUrls(URI.create(require(props, "urls.base", where)));
      Map<String, Credential> credentials = new LinkedHashMap<>();
      for (String[] row : readTsv(opener, MANIFEST, 5, where)) {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = opener.open(row[0] + ".p12")) {
          ks.load(in, password);
        }
        PrivateKey key = (PrivateKey) ks.getKey(KEY_ENTRY, password);
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : ks.getCertificateChain(KEY_ENTRY)) {
          chain.add((X509Certificate) c);
        }
        credentials.put(row[0], new Credential(row[0], CertRole.valueOf(row[1]), row[2], row[3],
            row[4], key, chain));
      }
      Map<String, Revocation> revocations = new LinkedHashMap<>();
      for (String[] row : readTsv(opener, REVOCATIONS, 3, where)) {
        revocations.put(row[0],
            new Revocation(RevocationReason.valueOf(row[1]), Instant.parse(row[2])));
      }
      return new SamplePki(credentials, revocations, urls);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the PKI from " + where, e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException("Cannot read the PKI from " + where + ": " + e.getMessage(), e);
    }
  }

  static void save(SamplePki pki, Path dir, char[] password) throws IOException {
    Files.createDirectories(dir);
    StringBuilder manifest = new StringBuilder(
        "# TEST MATERIAL: sample PKI of Liên Thông Exchange. Private keys are public.\n"
            + "alias\trole\tissuer\torganId\tdescription\n");
    StringBuilder roots = new StringBuilder();
    for (Credential c : pki.credentials()) {
      manifest.append(String.join("\t", c.alias(), c.role().name(), c.issuerAlias(), c.organId(),
          c.description())).append('\n');
      writeP12(c, dir.resolve(c.alias() + ".p12"), password);
      Files.writeString(dir.resolve(c.alias() + ".pem"), pem(c.certificate()));
    }
    for (X509Certificate root : pki.trustAnchors()) {
      roots.append(pem(root));
    }
    StringBuilder revocations = new StringBuilder("alias\treason\ttime\n");
    pki.revocations().forEach((alias, r) ->
        revocations.append(alias).append('\t').append(r.reason()).append('\t').append(r.time())
            .append('\n'));
    Files.writeString(dir.resolve(MANIFEST), manifest);
    Files.writeString(dir.resolve(REVOCATIONS), revocations);
    Files.writeString(dir.resolve(TRUSTED_ROOTS), roots);
    Files.writeString(dir.resolve("README.md"), readme(pki));
    Files.writeString(dir.resolve(PROPERTIES),
        "# TEST MATERIAL: where the sample CA services of this PKI answer\n"
            + "urls.base=" + pki.urls().base() + "\n");
  }

  private static String readme(SamplePki pki) {
    StringBuilder b = new StringBuilder("""
        # Sample PKI: TEST MATERIAL

        Generated by `vn.lienthong.sample.pki.PkiGenerator`. **Every private key here is public:
        never trust these roots outside tests and demos.** Each entry has `<alias>.p12` (PKCS#12:
        the key and its chain, entry name `key`) and `<alias>.pem` (the certificate). The PKCS#12
        password of the committed demo set is `%s`. `trusted-roots.pem` holds the two roots a
        relying party is meant to trust (never `rogue-root`). `revocations.tsv` lists the
        revocations the CAs start with. The certificates' AIA and CRL distribution points name the
        sample CA services at `%s` (`java -jar certs-sample-all.jar serve`).

        Unit certificates name the unit's OrganId in the subject attribute UID
        (0.9.2342.19200300.100.1.1) as `ORGANID:<OrganId>`; persons carry `UID=CCCD:<citizen id>`.

        | alias | role | issuer | unit | what it is |
        | --- | --- | --- | --- | --- |
        """.formatted(SamplePki.DEMO_PASSWORD, pki.urls().base()));
    for (Credential c : pki.credentials()) {
      b.append("| `").append(c.alias()).append("` | ").append(c.role()).append(" | `")
          .append(c.issuerAlias()).append("` | ").append(c.organId()).append(" | ")
          .append(c.description()).append(" |\n");
    }
    return b.toString();
  }

  private static void writeP12(Credential c, Path file, char[] password) throws IOException {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(KEY_ENTRY, c.privateKey(), password,
          c.chain().toArray(X509Certificate[]::new));
      try (OutputStream out = Files.newOutputStream(file)) {
        ks.store(out, password);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot write " + file, e);
    }
  }

  /** A certificate in PEM, as openssl and poppler read it. */
  static String pem(X509Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String[]> readTsv(Opener opener, String name, int columns, String where)
      throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(opener.open(name), StandardCharsets.UTF_8))) {
      String line;
      boolean header = true;
      int number = 0;
      while ((line = r.readLine()) != null) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] row = line.split("\t", -1);
        if (row.length != columns) {
          throw new IllegalStateException(where + "/" + name + " line " + number + ": expected "
              + columns + " tab-separated columns, found " + row.length);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static String require(Properties props, String key, String where) {
    String value = props.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(where + "/" + PROPERTIES + " lacks " + key);
    }
    return value;
  }
}
