package vn.lienthong.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.lienthong.sample.pki.Credential;

/**
 * A SoftHSM 2 token for tests of keys that never leave their device: initialised with
 * {@code softhsm2-util}, each key imported under its label with its certificate, every issuer
 * once (with {@code pkcs11-tool}), and the SunPKCS11 configuration that opens it. SoftHSM reads
 * its own configuration from {@code SOFTHSM2_CONF} when the library loads, so the test JVM's
 * environment must name that file (the modules' Surefire settings do); this writes it.
 */
public final class SoftHsmToken {

  /** Where Debian's softhsm2 puts the PKCS#11 library. */
  public static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";

  private SoftHsmToken() {}

  /** Skips (or under CI fails) the calling test unless softhsm2-util, pkcs11-tool and the library are installed. */
  public static void require() {
    boolean found = Files.exists(Path.of(LIBRARY)) && Files.isExecutable(Path.of("/usr/bin/softhsm2-util"))
        && Files.isExecutable(Path.of("/usr/bin/pkcs11-tool"));
    ExternalTool.requireAvailable(found, "softhsm2-util, pkcs11-tool or " + LIBRARY
        + " is missing: apt-get install softhsm2 opensc (.ci/run installs them)");
  }

  /**
   * A new token labelled {@code label} with user PIN {@code pin} holding {@code keys} (label to
   * credential); answers the SunPKCS11 configuration file (provider name {@code "SoftHSM-" + label})
   * written into {@code dir}.
   */
  public static Path create(Path dir, String label, String pin, Map<String, Credential> keys) throws Exception {
    String confVariable = System.getenv("SOFTHSM2_CONF");
    assertTrue(confVariable != null, "SOFTHSM2_CONF must be set for the test JVM (Surefire's environmentVariables)");
    Path conf = Path.of(confVariable);
    Path tokens = Files.createDirectories(conf.getParent().resolve("tokens-" + System.nanoTime()));
    Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
    Matcher slot = Pattern.compile("slot (\\d+)").matcher(run(dir, "softhsm2-util", "--init-token", "--free",
        "--label", label, "--so-pin", "87654321", "--pin", pin));
    assertTrue(slot.find(), "softhsm2-util names the new token's slot");
    int id = 1;
    List<X509Certificate> issuers = new ArrayList<>();
    for (Map.Entry<String, Credential> key : keys.entrySet()) {
      String hex = String.format("%02x", id++);
      Path pem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
              key.getValue().privateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
      try {
        run(dir, "softhsm2-util", "--import", pem.toString(), "--token", label, "--label", key.getKey(), "--id", hex,
            "--pin", pin);
      } finally {
        Files.delete(pem);
      }
      writeCertificate(dir, label, pin, key.getValue().certificate(), hex, key.getKey());
      for (X509Certificate issuer : key.getValue().chain().subList(1, key.getValue().chain().size())) {
        if (!issuers.contains(issuer)) {
          issuers.add(issuer);
          writeCertificate(dir, label, pin, issuer, String.format("%02x", 0x40 + issuers.size()),
              "ca-" + issuers.size());
        }
      }
    }
    return Files.writeString(dir.resolve("token-" + label + ".cfg"), "name = SoftHSM-" + label + "\nlibrary = "
        + LIBRARY + "\nslot = " + slot.group(1) + "\n");
  }

  private static void writeCertificate(Path dir, String label, String pin, X509Certificate cert, String id,
      String certLabel) throws Exception {
    Path der = Files.write(dir.resolve("cert-" + id + ".der"), cert.getEncoded());
    run(dir, "pkcs11-tool", "--module", LIBRARY, "--token-label", label, "--login", "--pin", pin, "--write-object",
        der.toString(), "--type", "cert", "--id", id, "--label", certLabel);
  }

  private static String run(Path dir, String... command) throws Exception {
    ExternalTool.Result r = ExternalTool.run(dir, command);
    assertEquals(0, r.exitCode(), () -> String.join(" ", command) + "\n" + r.output());
    return r.output();
  }
}
