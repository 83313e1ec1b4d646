package vn.lienthong.core.validation;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import vn.lienthong.core.pki.CryptoProviders;

/** Who signed an OCSP response, and whether they may answer for the CA (RFC 6960 4.2.2.2). */
final class OcspSigners {

  private OcspSigners() {}

  /** How many certificates the ResponderID names that the CA did not delegate are tried, to say why. */
  private static final int UNDELEGATED_TRIES = 2;

  /**
   * Why {@code basic} is not an authentic answer about {@code issuer}'s certificates, empty when it
   * is: signed by the CA, or by a responder the CA delegated (id-kp-OCSPSigning) valid when it
   * answered. {@code delegations} remembers, across the responses of one check, whether each
   * certificate at hand is such a responder.
   */
  static String problem(BasicOCSPResp basic, X509Certificate issuer,
      Material material, Function<X509Certificate, PublicKey> keys,
      Map<X509Certificate, String> delegations) {
    List<X509Certificate> candidates = new ArrayList<>();
    candidates.add(issuer);
    candidates.addAll(material.certificates());
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    for (X509CertificateHolder h : basic.getCerts()) {
      try {
        candidates.add(converter.getCertificate(h));
      } catch (Exception e) {
        // skip what does not parse
      }
    }
    // each try is a signature check: the signer the response names (RFC 6960 ResponderID)
    // first, then the CA, then every other certificate at hand. Only the CA and responders it
    // delegated can give an authentic answer, so only they are tried (plus a few named ones, to
    // say why an answer is not authentic): trying every certificate at hand for every response
    // made N forged responses and N certificates in a DSS cost N * N signature checks.
    ResponderID named = basic.getResponderId().toASN1Primitive();
    Set<X509Certificate> ordered = new LinkedHashSet<>();
    candidates.stream().filter(c -> names(named, c)).forEach(ordered::add);
    ordered.addAll(candidates);
    int undelegated = 0;
    for (X509Certificate signer : ordered) {
      String why = "";
      if (!signer.equals(issuer)) {
        why = delegations.computeIfAbsent(signer, c -> delegation(issuer, c));
        if (!why.isEmpty() && (!names(named, signer) || undelegated++ >= UNDELEGATED_TRIES)) {
          continue;
        }
      }
      if (signedBy(basic, keys.apply(signer))) {
        return signer.equals(issuer) || !why.isEmpty() ? why : validAt(basic, signer);
      }
    }
    return "OCSP response signed neither by the CA nor by a responder it delegated";
  }

  /** Why {@code responder} may not answer for {@code issuer} at all; empty when it may. */
  private static String delegation(X509Certificate issuer, X509Certificate responder) {
    if (!ChainBuilder.issued(issuer, responder)) {
      return "OCSP response signed by " + responder.getSubjectX500Principal()
          + ", a responder the CA did not delegate";
    }
    try {
      List<String> eku = responder.getExtendedKeyUsage();
      if (eku == null || !eku.contains(KeyPurposeId.id_kp_OCSPSigning.getId())) {
        return "OCSP responder " + responder.getSubjectX500Principal()
            + " lacks id-kp-OCSPSigning";
      }
      return "";
    } catch (Exception e) {
      return "OCSP responder " + responder.getSubjectX500Principal() + ": " + e.getMessage();
    }
  }

  /** Why a delegated responder could not answer when it did; empty when it could. */
  private static String validAt(BasicOCSPResp basic, X509Certificate responder) {
    try {
      responder.checkValidity(basic.getProducedAt());
      return "";
    } catch (Exception e) {
      return "OCSP responder " + responder.getSubjectX500Principal() + ": " + e.getMessage();
    }
  }

  /** Whether {@code id} names {@code cert}: by subject, or by the SHA-1 of its public key. */
  private static boolean names(ResponderID id, X509Certificate cert) {
    try {
      if (id.getName() != null) {
        return id.getName().equals(X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()));
      }
      byte[] key = SubjectPublicKeyInfo.getInstance(cert.getPublicKey().getEncoded())
          .getPublicKeyData().getBytes();
      return id.getKeyHash() != null
          && MessageDigest.isEqual(id.getKeyHash(), MessageDigest.getInstance("SHA-1").digest(key));
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean signedBy(BasicOCSPResp basic, PublicKey signer) {
    try {
      return basic.isSignatureValid(CryptoProviders.contentVerifier(signer));
    } catch (Exception e) {
      return false;
    }
  }
}
