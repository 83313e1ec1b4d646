package vn.lienthong.core.evidence;

import static vn.lienthong.core.evidence.EvidenceCheck.SEAL_NOT_REVOKED;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import vn.lienthong.core.evidence.EvidenceIndex.Role;
import vn.lienthong.core.evidence.EvidenceReport.Status;
import vn.lienthong.core.validation.CheckId;
import vn.lienthong.core.validation.Level;
import vn.lienthong.core.validation.OfflineRevocation;
import vn.lienthong.core.validation.RevocationInfo;
import vn.lienthong.core.validation.RevocationMode;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.VerificationContext;
import vn.lienthong.core.validation.Verifier;

/**
 * Whom a bundle's signatures trace to: the signers of the envelope and of the units' statuses
 * (chain to the verifier's anchors, key usage, validity when the hub received each, from the
 * certificates the envelopes and the bundle carry) and the revocation status of the hub's seal when it sealed the index (the OCSP response
 * or CRL the bundle carries, judged by {@link OfflineRevocation}).
 */
final class TrustChecks {

  /**
   * The policy the envelopes' signers are checked under: chain, key usage, algorithms and validity
   * at the time of reception; no Decree 30 roles, and revocation informative (no data offline).
   */
  static final ValidationPolicy SIGNER_POLICY =
      EvidenceVerifier.offlinePolicy("Evidence envelope signer (offline, at reception)")
          .level(CheckId.SIGNER_NOT_REVOKED, Level.INFORM)
          .build();

  private final BundleRun run;
  private final EvidenceIndex index;
  private final List<X509Certificate> anchors;
  /** The certificates of the bundle's {@link Role#CERTIFICATES} files, read once. */
  private List<X509Certificate> bundleCertificates;

  TrustChecks(BundleRun run, EvidenceIndex index, List<X509Certificate> anchors) {
    this.run = run;
    this.index = index;
    this.anchors = anchors;
  }

  /**
   * {@code check} ({@link EvidenceCheck#ENVELOPE_SIGNER_TRUSTED} or
   * {@link EvidenceCheck#STATUS_SIGNER_TRUSTED}) of the envelope {@code name}, at the time its
   * sealed receipt says the hub received it.
   */
  void signer(EvidenceCheck check, String name, ReceiptDocument receipt) throws IOException {
    if (receipt == null) {
      run.add(check, name, Status.INDETERMINATE,
          "no valid receipt: the time the hub received the envelope is not proven");
      return;
    }
    Path copy = run.copy(name, ".edxml");
    Verifier verifier = Verifier.builder(anchors).policy(SIGNER_POLICY).revocationMode(RevocationMode.OFFLINE)
        .intermediateCertificates(bundleCertificates()).build();
    ValidationReport r = verifier.verify(copy, VerificationContext.none().at(receipt.receivedAt()));
    boolean ok = r.verdict().passed() && r.signatures().size() == 1;
    String signer = r.signatures().isEmpty() ? "" : r.signatures().get(0).signerCertificate()
        .map(c -> c.subject()).orElse("");
    run.add(check, name, ok, r.verdict() + " at " + receipt.receivedAt()
        + (signer.isEmpty() ? "" : " — " + signer) + (ok ? "" : " — " + BundleRun.decisive(r)));
  }

  /**
   * {@link EvidenceCheck#SEAL_NOT_REVOKED}, once for each certificate on the seal's path below the
   * verifier's anchors (the seal's certificate, then each CA): one of the bundle's
   * {@link Role#SEAL_REVOCATION} files is about it, authentic, says GOOD, was produced within the
   * certificate's validity and proves the status at the index's time stamp. A certificate that no
   * file speaks of is INDETERMINATE; a file about none of them FAILED.
   */
  void sealRevocation(byte[] indexCms, ValidationReport indexReport) throws IOException {
    List<EvidenceIndex.Entry> data = index.files().stream().filter(f -> f.role() == Role.SEAL_REVOCATION).toList();
    if (data.isEmpty()) {
      run.add(SEAL_NOT_REVOKED, "", Status.INDETERMINATE, "the bundle carries no OCSP response or CRL for the "
          + "hub's seal: whether it was revoked when it sealed is unknown");
      return;
    }
    List<X509Certificate> candidates = new ArrayList<>();
    X509Certificate seal = sealCertificate(indexCms, candidates);
    candidates.addAll(bundleCertificates());
    List<X509Certificate> path = seal == null ? List.of() : pathBelowAnchors(seal, candidates);
    if (path.size() < 2) {
      run.add(SEAL_NOT_REVOKED, data.get(0).name(), false, "the seal's certificate or its issuing CA is not in the "
          + "bundle");
      return;
    }
    Instant stamped = indexReport.signatures().get(0).bestSignatureTime();
    Set<String> used = new HashSet<>();
    for (int i = 0; i + 1 < path.size(); i++) {
      link(path.get(i), path.get(i + 1), i == 0 ? "the seal's certificate" : "the seal's CA", data, candidates,
          stamped, used);
    }
    X509Certificate top = path.get(path.size() - 1);
    if (!anchors.contains(top) && !selfIssued(top)) {
      run.add(SEAL_NOT_REVOKED, "", Status.INDETERMINATE, "the issuer of " + top.getSubjectX500Principal().getName()
          + " is neither in the bundle nor a trust anchor: its revocation cannot be judged");
    }
    for (EvidenceIndex.Entry f : data) {
      if (!used.contains(f.name())) {
        run.add(SEAL_NOT_REVOKED, f.name(), false, "about none of the certificates on the seal's path");
      }
    }
  }

  /** The check of one certificate on the seal's path; the files that speak of it go to {@code used}. */
  private void link(X509Certificate cert, X509Certificate issuer, String what, List<EvidenceIndex.Entry> data,
      List<X509Certificate> candidates, Instant stamped, Set<String> used) throws IOException {
    String subject = what + " " + cert.getSubjectX500Principal().getName() + " (serial "
        + cert.getSerialNumber().toString(16) + ")";
    OfflineRevocation.Answer best = null;
    String file = "";
    for (EvidenceIndex.Entry f : data) {
      List<OfflineRevocation.Answer> answers = OfflineRevocation.judge(run.bytes(f.name()), cert, issuer, candidates);
      if (answers.isEmpty()) {
        continue;
      }
      used.add(f.name());
      OfflineRevocation.Answer a = answers.stream().filter(OfflineRevocation.Answer::authentic).findFirst()
          .orElse(answers.get(0));
      if (best == null || !best.authentic() && a.authentic()) {
        best = a;
        file = f.name();
      }
    }
    if (best == null) {
      run.add(SEAL_NOT_REVOKED, "", Status.INDETERMINATE, "no OCSP response or CRL about " + subject
          + ": whether it was revoked when the index was sealed is unknown");
      return;
    }
    RevocationInfo info = best.info();
    String problem = problem(best, cert, stamped);
    run.add(SEAL_NOT_REVOKED, file, problem.isEmpty(), subject + ": " + info.source() + " " + info.status()
        + ", produced " + info.producedAt() + ", this update " + info.thisUpdate() + "; index time-stamped "
        + stamped + (problem.isEmpty() ? "" : " — " + problem));
  }

  /**
   * The seal's certificate, then its issuers from {@code candidates} up to one of the verifier's
   * anchors, a self-issued certificate or one whose issuer is not there (then its revocation cannot
   * be judged, and the path ends without its issuer).
   */
  private List<X509Certificate> pathBelowAnchors(X509Certificate seal, List<X509Certificate> candidates) {
    List<X509Certificate> issuers = new ArrayList<>(candidates);
    issuers.addAll(anchors);
    List<X509Certificate> path = new ArrayList<>(List.of(seal));
    for (int depth = 0; depth < 8; depth++) {
      X509Certificate last = path.get(path.size() - 1);
      if (anchors.contains(last) || selfIssued(last)) {
        break;
      }
      X509Certificate issuer = OfflineRevocation.issuer(last, issuers).filter(c -> !path.contains(c)).orElse(null);
      if (issuer == null) {
        break;
      }
      path.add(issuer);
    }
    return path;
  }

  private static boolean selfIssued(X509Certificate c) {
    return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
  }

  /** What is wrong with the answer, or empty. */
  private static String problem(OfflineRevocation.Answer a, X509Certificate cert, Instant stamped) {
    RevocationInfo info = a.info();
    if (!a.authentic()) {
      return a.problem();
    }
    if (info.status() != RevocationInfo.Status.GOOD) {
      return "the CA says " + info.status()
          + (info.revocationTime() == null ? "" : " since " + info.revocationTime() + " " + info.reason());
    }
    if (info.producedAt().isBefore(cert.getNotBefore().toInstant())
        || info.producedAt().isAfter(cert.getNotAfter().toInstant())) {
      return "produced outside the certificate's validity";
    }
    ValidationPolicy policy = EvidenceVerifier.SEAL_POLICY;
    if (!OfflineRevocation.freshAt(info, stamped, policy)) {
      return "does not prove the status at the index's time stamp " + stamped + " (allowed: up to "
          + policy.maxRevocationAge() + " after it; before it only while still current)";
    }
    return "";
  }

  /** The certificate that signed the index (the CMS's certificates added to {@code candidates}). */
  private static X509Certificate sealCertificate(byte[] cms, List<X509Certificate> candidates) {
    try {
      CMSSignedData data = new CMSSignedData(cms);
      SignerInformation si = data.getSignerInfos().getSigners().iterator().next();
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      X509Certificate seal = null;
      for (X509CertificateHolder h : data.getCertificates().getMatches(null)) {
        X509Certificate c = converter.getCertificate(h);
        candidates.add(c);
        if (seal == null && si.getSID().match(h)) {
          seal = c;
        }
      }
      return seal;
    } catch (CMSException | CertificateException | RuntimeException e) {
      return null;
    }
  }

  /** The certificates of the bundle's {@link Role#CERTIFICATES} files (PEM); what does not parse is skipped. */
  private List<X509Certificate> bundleCertificates() throws IOException {
    if (bundleCertificates != null) {
      return bundleCertificates;
    }
    List<X509Certificate> out = new ArrayList<>();
    for (EvidenceIndex.Entry f : index.files()) {
      if (f.role() != Role.CERTIFICATES) {
        continue;
      }
      try {
        CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(run.bytes(f.name())))
            .forEach(c -> out.add((X509Certificate) c));
      } catch (CertificateException e) {
        // not certificates: candidates less, the chain checks say what is missing
      }
    }
    bundleCertificates = List.copyOf(out);
    return bundleCertificates;
  }
}
