package vn.lienthong.core.evidence;

import static vn.lienthong.core.evidence.EvidenceCheck.*;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import vn.lienthong.core.edxml.EdxmlReader;
import vn.lienthong.core.edxml.Envelope;
import vn.lienthong.core.edxml.EnvelopeVerifier;
import vn.lienthong.core.edxml.StatusMessage;
import vn.lienthong.core.edxml.VerificationResult;
import vn.lienthong.core.pki.DigestAlgorithm;
import vn.lienthong.core.validation.CheckResult;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.Verifier;

/** One verification of one bundle: extracts it into a working directory and runs the checks in order. */
final class BundleRun {

  private static final int MAX_ENTRIES = 10_000;

  private final Path bundle;
  private final Path work;
  private final Verifier seals;
  private final List<X509Certificate> anchors;
  private final Instant now;
  private final List<EvidenceReport.Result> results = new ArrayList<>();
  private final Map<String, EvidenceBundle.Stored> files = new LinkedHashMap<>();
  private String bundleSha256 = "";
  private long messageId = -1;
  /**
   * The subject of the certificate that sealed the index, the hub's: every other seal must carry it
   * (the same subject, so that a seal renewed since the receipt was sealed still counts).
   */
  private String hubSeal;
  private int scratch;

  BundleRun(Path bundle, Path work, Verifier seals, List<X509Certificate> anchors, Instant now) {
    this.bundle = bundle;
    this.work = work;
    this.seals = seals;
    this.anchors = anchors;
    this.now = now;
  }

  EvidenceReport run() {
    try {
      bundleSha256 = sha256(bundle);
      extract();
      add(BUNDLE_READABLE, "", true, files.size() + " files");
    } catch (IOException | RuntimeException e) {
      add(BUNDLE_READABLE, "", false, e.getClass().getSimpleName() + ": " + e.getMessage());
      return report();
    }
    try {
      checkAll();
    } catch (IOException | RuntimeException e) {
      // a check that cannot complete is a failure, never a crash
      add(BUNDLE_READABLE, "", false, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return report();
  }

  private EvidenceReport report() {
    return new EvidenceReport(String.valueOf(bundle.getFileName()), bundleSha256, messageId, now, results);
  }

  private void extract() throws IOException {
    long budget = Files.size(bundle);
    try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(bundle)))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        String name = e.getName();
        if (files.size() >= MAX_ENTRIES || (!EvidenceBundle.NAME.matcher(name).matches() || name.contains(".."))
            || files.containsKey(name)) {
          throw new IOException("unexpected entry '" + name + "'");
        }
        Path target = work.resolve("f" + files.size());
        long n;
        try (OutputStream out = Files.newOutputStream(target)) {
          n = copyBounded(zip, out, budget);
        }
        budget -= n;
        files.put(name, EvidenceBundle.Stored.of(name, () -> Files.newInputStream(target)));
      }
    }
    if (files.isEmpty()) {
      throw new IOException("no entries");
    }
  }

  private static long copyBounded(InputStream in, OutputStream out, long budget) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
      if (total > budget) {
        throw new IOException("entries larger than the bundle");
      }
      out.write(buf, 0, n);
    }
    return total;
  }

  private void checkAll() throws IOException {
    MessageDigest sha = DigestAlgorithm.SHA256.newDigest();
    try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
      EvidenceBundle.writeCanonical(sink, new ArrayList<>(files.values()));
    }
    add(BUNDLE_CANONICAL, "", HexFormat.of().formatHex(sha.digest()).equals(bundleSha256), "");
    List<String> names = new ArrayList<>(files.keySet());
    if (!EvidenceBundle.INDEX.equals(names.get(names.size() - 1))) {
      add(INDEX_SEAL_VALID, EvidenceBundle.INDEX, false, "missing or not the last entry");
      return;
    }
    Sealed sealedIndex = sealed(INDEX_SEAL_VALID, EvidenceBundle.INDEX);
    if (sealedIndex == null) {
      return;
    }
    EvidenceIndex index = EvidenceIndex.parse(sealedIndex.content());
    messageId = index.messageId();
    hubSeal = sealedIndex.report().signatures().get(0).signerCertificate().map(c -> c.subject()).orElse("");
    List<String> listed = index.files().stream().map(EvidenceIndex.Entry::name).toList();
    add(INDEX_COMPLETE, "", listed.equals(names.subList(0, names.size() - 1)),
        "index: " + listed.size() + ", bundle: " + (names.size() - 1));
    for (EvidenceIndex.Entry f : index.files()) {
      EvidenceBundle.Stored s = files.get(f.name());
      add(FILE_DIGEST_MATCHES, f.name(), s != null && s.sha256().equals(f.sha256()) && s.size() == f.size(),
          s == null ? "missing" : s.sha256());
    }
    TrustChecks trust = new TrustChecks(this, index, anchors);
    trust.sealRevocation(sealedIndex.cms(), sealedIndex.report());
    new ContentChecks(this, index, trust).run();
  }

  /** A seal that passed: the encapsulated content, the CMS and its validation report. */
  record Sealed(byte[] content, byte[] cms, ValidationReport report) {}

  /**
   * Checks the seal (CMS) of {@code name}: a passing report under the seal policy with exactly one
   * signature, made, after the index, by the hub whose seal sealed the index: a certificate with
   * that subject (any other certificate under the roots, a unit's own seal among them, is not the
   * hub's). Returns the encapsulated content, or null when the seal fails.
   */
  byte[] seal(EvidenceCheck check, String name) throws IOException {
    Sealed s = sealed(check, name);
    return s == null ? null : s.content();
  }

  /** As {@link #seal}, with the CMS and its report. */
  Sealed sealed(EvidenceCheck check, String name) throws IOException {
    if (files.get(name) == null) {
      add(check, name, false, "missing");
      return null;
    }
    Path copy = copy(name, ".der");
    ValidationReport r = seals.verify(copy);
    boolean ok = r.verdict().passed() && r.signatures().size() == 1;
    String failed = decisive(r);
    String signer = r.signatures().isEmpty() ? "" : r.signatures().get(0).signerCertificate()
        .map(c -> c.subject()).orElse("");
    if (ok && hubSeal != null && !hubSeal.equals(signer)) {
      ok = false;
      failed = "not sealed by the hub that sealed the index (" + hubSeal + ")";
    }
    add(check, name, ok, r.verdict() + (signer.isEmpty() ? "" : " — " + signer) + (ok ? "" : " — " + failed));
    if (!ok) {
      return null;
    }
    try {
      byte[] cms = Files.readAllBytes(copy);
      return new Sealed(EvidenceSeal.content(cms), cms, r);
    } catch (IllegalArgumentException e) {
      add(check, name, false, e.getMessage());
      return null;
    }
  }

  /** Reads an envelope of the bundle and checks its XML signature; null when it fails. */
  Envelope envelope(EvidenceCheck check, String name) throws IOException {
    Path copy = copy(name, ".edxml");
    Path attachments = Files.createDirectory(work.resolve("att-" + (scratch++)));
    Envelope envelope;
    try {
      envelope = EdxmlReader.builder().attachmentDirectory(attachments).build().read(copy);
    } catch (RuntimeException e) {
      add(check, name, false, e.getMessage());
      return null;
    }
    VerificationResult v = EnvelopeVerifier.create().verify(envelope);
    if (v instanceof VerificationResult.Valid valid) {
      add(check, name, true, valid.signer().getSubjectX500Principal().getName());
      return envelope;
    }
    add(check, name, false, v.toString());
    return null;
  }

  /** The decisive failed checks of a report, for a result's detail. */
  static String decisive(ValidationReport r) {
    return Stream.concat(r.signatures().stream().flatMap(x -> x.checks().stream()), r.documentChecks().stream())
        .filter(CheckResult::isDecisive).map(c -> c.id() + c.arguments().toString())
        .collect(Collectors.joining("; "));
  }

  /** A copy of a bundle file in the working directory, named with {@code suffix}. */
  Path copy(String name, String suffix) throws IOException {
    Path copy = work.resolve("copy-" + (scratch++) + suffix);
    try (InputStream in = files.get(name).source().open()) {
      Files.copy(in, copy);
    }
    return copy;
  }

  EvidenceBundle.Stored file(String name) {
    return files.get(name);
  }

  byte[] bytes(String name) throws IOException {
    try (InputStream in = files.get(name).source().open()) {
      return in.readNBytes(16 << 20);
    }
  }

  void add(EvidenceCheck check, String subject, boolean passed, String detail) {
    results.add(new EvidenceReport.Result(check, subject, passed, detail));
  }

  void add(EvidenceCheck check, String subject, EvidenceReport.Status status, String detail) {
    results.add(new EvidenceReport.Result(check, subject, status, detail));
  }

  static boolean isStatusAbout(Envelope e, String documentId) {
    return e.message() instanceof StatusMessage s && Objects.equals(s.responseFor().documentId(), documentId);
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest md = DigestAlgorithm.SHA256.newDigest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static void deleteRecursively(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is not a verification failure
    }
  }
}
