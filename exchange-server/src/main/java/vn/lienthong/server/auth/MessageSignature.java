package vn.lienthong.server.auth;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * What the WS-Security layer found on a request: a signature over its Body and Timestamp by a
 * certificate chaining to the configured roots, or why there is none that counts.
 */
public sealed interface MessageSignature {

  /** A request without any WS-Security processing (e.g. a credentials object built by hand). */
  MessageSignature ABSENT = new Refused("Yêu cầu không có chữ ký WS-Security / the request carries no WS-Security signature");

  /** Body and Timestamp signed, references checked to be the real ones, signer trusted. */
  record Verified(X509Certificate certificate) implements MessageSignature {
    public Verified {
      Objects.requireNonNull(certificate, "certificate");
    }
  }

  /** No acceptable signature; {@code reason} is a Vietnamese / English sentence. */
  record Refused(String reason) implements MessageSignature {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
