package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.ctc.wstx.exc.WstxIOException;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.EOFException;
import java.io.IOException;
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
    assertThat(code(new SSLHandshakeException("SSLHandshakeException invoking https://127.0.0.1:1/exchange: "
        + "Remote host closed the channel"))).isEqualTo(FaultCode.TRANSPORT);
    assertThat(code(new SSLHandshakeException("Received fatal alert: bad_certificate")))
        .isEqualTo(FaultCode.NOT_AUTHENTICATED);
    assertThat(code(new SSLException("No supported CertificateVerify signature algorithm for EC key")))
        .isEqualTo(FaultCode.NOT_AUTHENTICATED);
    assertThat(code(new SSLHandshakeException("PKIX path building failed")))
        .isEqualTo(FaultCode.NOT_AUTHENTICATED);
    assertThat(code(new IllegalStateException("no I/O at all"))).isEqualTo(FaultCode.INTERNAL_ERROR);
  }

  /** CXF turns a request body it could not finish writing into a SOAP fault of its own. */
  @Test
  void aSoapFaultIsTheHubsOnlyWhenNoConnectionBrokeUnderIt() {
    SOAPFault fault = soapFault("Problem writing SAAJ model to stream: Pipe closed");
    SOAPFaultException cut = new SOAPFaultException(fault);
    cut.initCause(new WstxIOException(new IOException("Pipe closed")));
    assertThat(Calls.transport(cut).code()).isEqualTo(FaultCode.TRANSPORT);
    assertThat(Calls.transport(new SOAPFaultException(soapFault("Internal server error"))).code())
        .isEqualTo(FaultCode.INTERNAL_ERROR);
  }

  private static SOAPFault soapFault(String reason) {
    try {
      SOAPFault f = SOAPFactory.newInstance().createFault();
      f.setFaultString(reason);
      return f;
    } catch (SOAPException e) {
      throw new IllegalStateException(e);
    }
  }
}
