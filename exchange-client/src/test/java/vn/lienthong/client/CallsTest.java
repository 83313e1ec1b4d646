package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.xml.ws.WebServiceException;
import java.io.EOFException;
import java.net.SocketException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Which failures are retried: broken connections yes, refused TLS identities no. */
class CallsTest {

  static FaultCode code(Throwable cause) {
    return Calls.transport(new WebServiceException("Could not send Message.", cause)).code();
  }

  @Test
  void brokenConnectionsAreTransportFailuresAndRefusedIdentitiesAreNot() {
    assertThat(code(new SocketException("Connection reset"))).isEqualTo(FaultCode.TRANSPORT);
    SSLHandshakeException cut = new SSLHandshakeException("Remote host terminated the handshake");
    cut.initCause(new EOFException("SSL peer shut down incorrectly"));
    assertThat(code(cut)).isEqualTo(FaultCode.TRANSPORT);
    assertThat(code(new SSLHandshakeException("Remote host terminated the handshake"))).isEqualTo(FaultCode.TRANSPORT);
    assertThat(code(new SSLException("No supported CertificateVerify signature algorithm for EC key")))
        .isEqualTo(FaultCode.NOT_AUTHENTICATED);
    assertThat(code(new SSLHandshakeException("PKIX path building failed")))
        .isEqualTo(FaultCode.NOT_AUTHENTICATED);
    assertThat(code(new IllegalStateException("no I/O at all"))).isEqualTo(FaultCode.INTERNAL_ERROR);
  }
}
