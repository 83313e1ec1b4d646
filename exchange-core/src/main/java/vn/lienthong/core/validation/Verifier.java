package vn.lienthong.core.validation;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import vn.lienthong.core.pki.RevocationClient;
import vn.lienthong.core.pki.ValidationDataCollector;
import vn.lienthong.core.pki.VerificationKeys;

/**
 * Validates the signatures of a file against configured trust anchors and a policy, and tells
 * the result in ETSI EN 319 102-1 terms with a report an auditor can read.
 *
 * <ul>
 *   <li>a PDF: every PAdES signature and document timestamp, the PDF structure (ByteRange,
 *       /Contents), what later revisions changed, the DSS's validation data;
 *   <li>an edXML envelope: its XML-DSig signature and the signer's certificate;
 *   <li>a detached CMS/CAdES signature ({@code .p7s}) with its content file.
 * </ul>
 *
 * <pre>
 * Verifier verifier = Verifier.builder(roots).clock(clock).build();
 * ValidationReport report = verifier.verify(pdf, VerificationContext.none().withSender(organId));
 * if (!report.verdict().passed()) { ... report.writeHtml(out) ... }
 * </pre>
 *
 * A verifier is immutable apart from its revocation cache and can be shared between threads.
 */
public final class Verifier {

  private final ValidationPolicy policy;
  private final Clock clock;
  private final Engine engine;
  private final List<X509Certificate> intermediates;

  private Verifier(Builder b) {
    this.policy = b.policy;
    this.clock = b.clock;
    this.intermediates = List.copyOf(b.intermediates);
    RevocationClient client = new RevocationClient(b.clock, b.random, b.timeout);
    Function<X509Certificate, List<X509Certificate>> aia = cert -> List.of();
    if (b.aiaDownloads) {
      ValidationDataCollector collector = new ValidationDataCollector(client, b.timeout);
      aia = cert -> {
        try {
          return collector.chain(cert, List.of());
        } catch (Exception e) {
          return List.of();
        }
      };
    }
    ChainBuilder chains = new ChainBuilder(new HashSet<>(b.trustAnchors), aia);
    VerificationKeys keys = new VerificationKeys(VerificationKeys.DEFAULT_CAPACITY);
    this.engine = new Engine(policy, chains, new TimestampValidator(chains, policy, keys),
        new RevocationChecker(b.revocationMode, client, new ConcurrentHashMap<>(), b.clock, keys),
        keys);
  }

  /**
   * A builder trusting exactly {@code trustAnchors}: certificates a file carries or AIA
   * downloads are only ever candidates to link a path to one of them.
   */
  public static Builder builder(List<X509Certificate> trustAnchors) {
    return new Builder(trustAnchors);
  }

  /** {@link #verify(Path, VerificationContext)} knowing nothing more about the file. */
  public ValidationReport verify(Path file) {
    return verify(file, VerificationContext.none());
  }

  /**
   * Validates every signature of {@code file} (PDF, edXML envelope or detached CMS). Never throws
   * for what the file holds: an unreadable or hostile file is a report with a failed check.
   */
  public ValidationReport verify(Path file, VerificationContext context) {
    requireNonNull(file, "file");
    requireNonNull(context, "context");
    Instant time = context.validationTime() != null ? context.validationTime() : clock.instant();
    String type = "UNKNOWN";
    String sha256 = "";
    long size = 0;
    List<SignatureReport> signatures = List.of();
    CheckResult readable;
    try {
      size = Files.size(file);
      sha256 = sha256(file);
      type = typeOf(file);
      signatures = switch (type) {
        case "PDF" -> new PdfValidator(engine).validate(file, time);
        case "EDXML" -> new EnvelopeValidator(engine, intermediates)
            .validate(file, context.expectedEnvelopeSigner(), time);
        default -> List.of(cms(file, context, time));
      };
      readable = Checks.result(CheckId.DOCUMENT_READABLE, Level.FAIL, Outcome.passed(type));
    } catch (IOException | RuntimeException e) {
      readable = Checks.result(CheckId.DOCUMENT_READABLE, Level.FAIL,
          Outcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage()));
      signatures = List.of();
    }
    List<CheckResult> documentChecks = new ArrayList<>(List.of(readable));
    if (readable.status() == CheckResult.Status.PASSED) {
      documentChecks.addAll(Checks.run(DocumentChecks.TABLE,
          new DocumentChecks.Document(type, signatures, context.senderOrganId()), policy));
    }
    return new ValidationReport(String.valueOf(file.getFileName()), sha256, size, type, time,
        policy.name(), signatures, documentChecks, Checks.conclude(documentChecks));
  }

  private SignatureReport cms(Path file, VerificationContext context, Instant time)
      throws IOException {
    Path content = context.detachedContent();
    String name = String.valueOf(file.getFileName());
    if (content == null && name.toLowerCase(java.util.Locale.ROOT).endsWith(".p7s")) {
      content = file.resolveSibling(name.substring(0, name.length() - 4));
    }
    Path signed = content != null && Files.isRegularFile(content) ? content : null;
    byte[] der = Files.readAllBytes(file); // a CMS file is small: refused above 16 MiB
    return new CmsValidator(engine).validate(new CmsValidator.Input(name,
        SignatureReport.Kind.CADES, der, signed == null ? null : () -> Files.newInputStream(signed),
        null, 0, Material.EMPTY, List.of(), List.of(), List.of(), List.of(), false), time);
  }

  private static String typeOf(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(1024);
    }
    String text = new String(head, StandardCharsets.ISO_8859_1);
    if (text.contains("%PDF-")) {
      return "PDF";
    }
    if (looksLikeEdxml(text) || looksLikeEdxml(new String(head, utf16Order(head)))) {
      return "EDXML";
    }
    if (Files.size(file) > 16L * 1024 * 1024) {
      throw new IOException("neither a PDF nor an edXML envelope, and too large for a CMS file");
    }
    return "CMS";
  }

  private static boolean looksLikeEdxml(String text) {
    return text.contains("<edXML") || text.contains(":edXML") || text.contains("<?xml");
  }

  /** XML in UTF-16 starts with a byte order mark or with {@code <} and a zero byte. */
  private static Charset utf16Order(byte[] head) {
    boolean little = head.length > 1 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
        || (head[0] == '<' && head[1] == 0));
    return little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Settings of a {@link Verifier}. */
  public static final class Builder {
    private final List<X509Certificate> trustAnchors;
    private final List<X509Certificate> intermediates = new ArrayList<>();
    private ValidationPolicy policy = ValidationPolicy.decree30();
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private RevocationMode revocationMode = RevocationMode.ONLINE;
    private boolean aiaDownloads;
    private Duration timeout = Duration.ofSeconds(10);

    private Builder(List<X509Certificate> trustAnchors) {
      this.trustAnchors = List.copyOf(requireNonNull(trustAnchors, "trustAnchors"));
      if (this.trustAnchors.isEmpty()) {
        throw new IllegalArgumentException("trustAnchors must not be empty");
      }
    }

    /** The policy; {@link ValidationPolicy#decree30()} unless set. */
    public Builder policy(ValidationPolicy policy) {
      this.policy = requireNonNull(policy, "policy");
      return this;
    }

    /** What "now" is, unless a context gives a validation time. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The source of OCSP nonces. */
    public Builder random(SecureRandom random) {
      this.random = requireNonNull(random, "random");
      return this;
    }

    /** Where revocation data may come from; {@link RevocationMode#ONLINE} unless set. */
    public Builder revocationMode(RevocationMode mode) {
      this.revocationMode = requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Intermediate CA certificates the hub knows (candidates, never anchors), for signatures that
     * carry only their own certificate, such as edXML envelopes.
     */
    public Builder intermediateCertificates(List<X509Certificate> certificates) {
      this.intermediates.addAll(List.copyOf(requireNonNull(certificates, "certificates")));
      return this;
    }

    /** Whether missing issuers are downloaded from the AIA caIssuers URL; off unless set. */
    public Builder aiaDownloads(boolean enabled) {
      this.aiaDownloads = enabled;
      return this;
    }

    /** The connect and read timeout of OCSP, CRL and AIA requests. */
    public Builder timeout(Duration timeout) {
      this.timeout = requireNonNull(timeout, "timeout");
      return this;
    }

    public Verifier build() {
      return new Verifier(this);
    }
  }
}
