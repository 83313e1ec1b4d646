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
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.cxf.transport.http.HTTPException;
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

  /** The hub's transport answers 413 to a body over its largest envelope (and 503 when busy, which is retried). */
  @Test
  void aBodyTooLargeForTheHubIsNotRetried() throws Exception {
    java.net.URL hub = new java.net.URL("https://127.0.0.1:8443/exchange");
    assertThat(code(new HTTPException(413, "Payload Too Large", hub))).isEqualTo(FaultCode.ENVELOPE_TOO_LARGE);
    assertThat(FaultCode.ENVELOPE_TOO_LARGE.transientFailure()).isFalse();
    assertThat(code(new HTTPException(503, "Service Unavailable", hub))).isEqualTo(FaultCode.TRANSPORT);
  }

  @Test
  void backoffDoublesUpToItsBoundAndNeverOverflows() {
    RetryPolicy p = new RetryPolicy(200, Duration.ofMillis(500), Duration.ofSeconds(30));
    assertThat(p.delayBefore(2)).isEqualTo(Duration.ofMillis(500));
    assertThat(p.delayBefore(4)).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.delayBefore(200)).isEqualTo(Duration.ofSeconds(30));
    // "retry for ever, however long": doubling 0.5 s 64 times overflowed Duration
    RetryPolicy patient = new RetryPolicy(Integer.MAX_VALUE, Duration.ofMillis(500), ChronoUnit.FOREVER.getDuration());
    assertThat(patient.delayBefore(100)).isPositive();
    assertThat(patient.delayBefore(Integer.MAX_VALUE)).isPositive();
    assertThat(new RetryPolicy(Integer.MAX_VALUE, Duration.ZERO, Duration.ZERO).delayBefore(Integer.MAX_VALUE)).isZero();
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
