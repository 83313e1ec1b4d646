package vn.lienthong.sample.pki;

import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The extensions a certificate gets, apart from the key identifiers and the CA service URLs that
 * every certificate carries.
 */
record CertProfile(
    boolean ca,
    int pathLength,
    int keyUsage,
    List<KeyPurposeId> extendedKeyUsage,
    boolean ekuCritical,
    boolean ocspNoCheck,
    List<String> dnsNames,
    List<String> ipAddresses) {

  /** id-kp-documentSigning (RFC 9336). */
  static final KeyPurposeId DOCUMENT_SIGNING =
      KeyPurposeId.getInstance(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.5.5.7.3.36"));

  CertProfile {
    extendedKeyUsage = List.copyOf(extendedKeyUsage);
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
  }

  static CertProfile ca(int pathLength) {
    return new CertProfile(true, pathLength, KeyUsage.keyCertSign | KeyUsage.cRLSign,
        List.of(), false, false, List.of(), List.of());
  }

  static CertProfile documentSigner() {
    return new CertProfile(false, -1, KeyUsage.digitalSignature | KeyUsage.nonRepudiation,
        List.of(KeyPurposeId.id_kp_emailProtection, DOCUMENT_SIGNING), false, false,
        List.of(), List.of());
  }

  static CertProfile system(String keyAlgorithm) {
    int usage = KeyUsage.digitalSignature
        | ("EC".equals(keyAlgorithm) ? KeyUsage.keyAgreement : KeyUsage.keyEncipherment);
    return new CertProfile(false, -1, usage, List.of(KeyPurposeId.id_kp_clientAuth), false, false,
        List.of(), List.of());
  }

  static CertProfile tlsServer(String keyAlgorithm) {
    int usage = KeyUsage.digitalSignature
        | ("EC".equals(keyAlgorithm) ? KeyUsage.keyAgreement : KeyUsage.keyEncipherment);
    return new CertProfile(false, -1, usage, List.of(KeyPurposeId.id_kp_serverAuth), false, false,
        List.of("localhost"), List.of("127.0.0.1", "::1"));
  }

  static CertProfile tsa() {
    return new CertProfile(false, -1, KeyUsage.digitalSignature,
        List.of(KeyPurposeId.id_kp_timeStamping), true, false, List.of(), List.of());
  }

  static CertProfile ocspResponder() {
    return new CertProfile(false, -1, KeyUsage.digitalSignature,
        List.of(KeyPurposeId.id_kp_OCSPSigning), false, true, List.of(), List.of());
  }

  /** Only key encipherment: a certificate that must not be accepted for signatures. */
  static CertProfile encryptionOnly() {
    return new CertProfile(false, -1, KeyUsage.keyEncipherment,
        List.of(KeyPurposeId.id_kp_emailProtection), false, false, List.of(), List.of());
  }
}
