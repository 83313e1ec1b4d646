package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.core.pdf.VerifierPdfTest.describe;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.validation.RevocationMode;
import vn.lienthong.core.validation.SignatureReport;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;

/** Long-term validation over time: the CA services, signer, extender and verifier share a clock that the test moves. */
class LongTermValidationTest {

  /** A clock the test sets. */
  static final class MovingClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    void advance(Duration d) {
      now.updateAndGet(i -> i.plus(d));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  @TempDir Path dir;
  MovingClock clock;
  SampleCaServer server;
  SamplePki pki;

  @BeforeEach
  void start() throws Exception {
    clock = new MovingClock();
    server = SampleCaServer.bind(0, clock);
    pki = DemoSet.generator(KeyKind.EC_P256, server.urls()).clock(clock).build().generate();
    server.start(pki);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  PdfSigner signer() {
    return PdfSigner.builder().clock(clock).timeStampAuthority(server.urls().tsa())
        .trustAnchors(pki.trustAnchors()).build();
  }

  PdfExtender extender() {
    return PdfExtender.builder(server.urls().tsa()).clock(clock)
        .trustAnchors(pki.trustAnchors()).build();
  }

  SigningKey key(String alias) {
    Credential c = pki.credential(alias);
    return SigningKey.of(c.privateKey(), c.chain());
  }

  Verifier offline() {
    return Verifier.builder(pki.trustAnchors()).clock(clock).policy(ValidationPolicy.basic())
        .revocationMode(RevocationMode.OFFLINE).build();
  }

  Path signBt(String name) throws Exception {
    Path out = dir.resolve(name);
    signer().sign(TestPdfs.letter(dir.resolve("in-" + name), 1), out,
        key("seal-" + DemoSet.PROVINCE), SignatureOptions.builder().level(PadesLevel.B_T).build());
    return out;
  }

  /**
   * A B-T document archived (raised to B-LTA) two days after it was signed: what an archive or
   * a recipient does. A month later, offline, the archive must still verify: its DSS holds OCSP
   * answers given under a document time stamp that proves they were there.
   */
  @Test
  void ltaMadeTwoDaysAfterSigningStillVerifiesAMonthLater() throws Exception {
    Path signed = signBt("bt.pdf");
    clock.advance(Duration.ofDays(2));
    Path archived = dir.resolve("lta.pdf");
    extender().extend(signed, archived, PadesLevel.B_LTA);

    ValidationReport now = offline().verify(archived);
    assertThat(now.verdict().passed()).as(describe(now)).isTrue();

    clock.advance(Duration.ofDays(30));
    ValidationReport later = offline().verify(archived);

    assertThat(later.verdict().passed()).as(describe(later)).isTrue();
    assertThat(later.signatures()).filteredOn(s -> s.kind() == SignatureReport.Kind.PADES)
        .extracting(SignatureReport::format).containsExactly("PAdES-BASELINE-LTA");
  }

  /** The control: archived within the hour, the same file verifies a month later. */
  @Test
  void ltaMadeAtOnceVerifiesAMonthLater() throws Exception {
    Path signed = signBt("bt.pdf");
    Path archived = dir.resolve("lta.pdf");
    extender().extend(signed, archived, PadesLevel.B_LTA);

    clock.advance(Duration.ofDays(30));
    ValidationReport later = offline().verify(archived);

    assertThat(later.verdict().passed()).as(describe(later)).isTrue();
  }
}
