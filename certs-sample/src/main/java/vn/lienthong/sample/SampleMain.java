package vn.lienthong.sample;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import vn.lienthong.sample.pki.CaUrls;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;

/**
 * The command line of certs-sample: {@code serve} runs the sample CA services on loopback,
 * {@code generate} writes a fresh demo PKI into a folder. TEST MATERIAL.
 */
public final class SampleMain {

  private static final String USAGE = """
      Usage:
        java -jar certs-sample-all.jar serve [--pki DIR] [--password PW]
            Serves OCSP, TSA, CRLs and CA certificates for the committed demo PKI
            (or the PKI saved in DIR) on 127.0.0.1 at the port its certificates name.
        java -jar certs-sample-all.jar generate DIR [--port N] [--key rsa|ec]
            Writes a fresh demo PKI (units of the sample registry, signers, TSA, OCSP,
            hub, bad certificates) into DIR; password '%s'.
      """.formatted(SamplePki.DEMO_PASSWORD);

  private SampleMain() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    List<String> rest = new ArrayList<>(List.of(args));
    String command = rest.isEmpty() ? "serve" : rest.remove(0);
    try {
      switch (command) {
        case "serve" -> serve(rest, out);
        case "generate" -> generate(rest, out);
        case "-h", "--help", "help" -> out.print(USAGE);
        default -> throw new IllegalArgumentException("Unknown command '" + command + "'");
      }
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("Error: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
  }

  private static void serve(List<String> args, PrintStream out) throws IOException,
      InterruptedException {
    String dir = option(args, "--pki", null);
    String password = option(args, "--password", SamplePki.DEMO_PASSWORD);
    noMore(args);
    SamplePki pki = dir == null ? SamplePki.demo()
        : SamplePki.load(Path.of(dir), password.toCharArray());
    SampleCaServer server = SampleCaServer.start(pki, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    CaUrls urls = server.urls();
    out.println("Sample CA services (TEST MATERIAL) for " + (dir == null ? "the demo PKI" : dir));
    out.println("  OCSP responder  " + urls.ocsp());
    out.println("  Time stamps     " + urls.tsa());
    out.println("  CRLs            " + urls.base() + "/crl/<ca-alias>.crl");
    out.println("  CA certificates " + urls.base() + "/ca/<ca-alias>.crt");
    out.println("  CAs: " + String.join(", ",
        pki.certificationAuthorities().stream().map(c -> c.alias()).toList()));
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stopped.await();
  }

  private static void generate(List<String> args, PrintStream out) {
    int port = Integer.parseInt(option(args, "--port", String.valueOf(CaUrls.DEMO_PORT)));
    String key = option(args, "--key", "rsa");
    if (args.size() != 1) {
      throw new IllegalArgumentException("generate needs exactly one folder");
    }
    KeyKind kind = switch (key) {
      case "rsa" -> KeyKind.RSA_2048;
      case "ec" -> KeyKind.EC_P256;
      default -> throw new IllegalArgumentException("--key must be rsa or ec, was '" + key + "'");
    };
    Path dir = Path.of(args.get(0));
    SamplePki pki = DemoSet.generator(kind, CaUrls.loopback(port)).build().generate();
    pki.save(dir, SamplePki.DEMO_PASSWORD.toCharArray());
    out.println("Wrote " + pki.credentials().size() + " credentials into " + dir.toAbsolutePath());
  }

  private static String option(List<String> args, String name, String fallback) {
    int i = args.indexOf(name);
    if (i < 0) {
      return fallback;
    }
    if (i + 1 >= args.size()) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    String value = args.get(i + 1);
    args.subList(i, i + 2).clear();
    return value;
  }

  private static void noMore(List<String> args) {
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("Unexpected arguments " + args);
    }
  }
}
