package vn.lienthong.server.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;
import vn.lienthong.sample.units.SampleUnits;
import vn.lienthong.server.TlsMaterial;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.registry.Registry;
import vn.lienthong.server.registry.UnitData;

/**
 * The demo defaults, and the only code of the hub that uses {@code certs-sample} (TEST MATERIAL,
 * whose private keys are public): the committed demo PKI for TLS and trust, its sample CA services
 * on {@code http://127.0.0.1:18600}, and the 970 sample units with the demo units' system
 * certificates. Used only when the {@code demo} setting is on.
 */
public final class Demo implements AutoCloseable {

  private final SamplePki pki;
  private final SampleCaServer ca;
  private final String caProblem;

  private Demo(SamplePki pki, SampleCaServer ca, String caProblem) {
    this.pki = pki;
    this.ca = ca;
    this.caProblem = caProblem;
  }

  /** Loads the demo PKI and starts its CA services (a busy port is reported, not fatal). */
  public static Demo start(Clock clock) {
    SamplePki pki = SamplePki.demo();
    try {
      return new Demo(pki, SampleCaServer.start(pki, clock), null);
    } catch (IOException e) {
      return new Demo(pki, null, e.getMessage());
    }
  }

  /** The hub's TLS identity ({@code hub-tls}) and the sample roots. */
  public TlsMaterial tls() {
    Credential tls = pki.credential(SamplePki.HUB_TLS);
    return new TlsMaterial(tls.privateKey(), tls.chain(), pki.trustAnchors());
  }

  /** The hub's seal ({@code hub-seal}) for receipts and evidence, time-stamped by the sample TSA. */
  public vn.lienthong.server.evidence.EvidenceSetup evidence(java.net.URI tsa) {
    Credential seal = pki.credential(SamplePki.HUB_SEAL);
    return new vn.lienthong.server.evidence.EvidenceSetup(seal.privateKey(), seal.chain(), tsa);
  }

  /** Registers the sample units (those missing) and the demo units' system certificates. */
  public void loadUnits(Registry registry) {
    registry.registerAll(SampleUnits.load().stream().map(u -> new UnitData(OrganId.of(u.organId()),
        u.parent().map(OrganId::of).orElse(null), u.name(), u.kind().name(), u.email(), u.telephone(), "",
        u.address())).toList());
    for (var u : SampleUnits.demoUnits()) {
      try {
        registry.addCertificate(OrganId.of(u.organId()), Registry.encoded(pki.system(u.organId()).certificate()));
      } catch (HubException alreadyRegistered) {
        // a restart: the certificate is there from the first run
      }
    }
  }

  /** What a person trying the demo needs to know. */
  public void printSummary(PrintStream out) {
    out.println("Demo defaults (TEST MATERIAL, keys are public): TLS with the sample PKI's hub-tls, clients need a "
        + "system-<OrganId> certificate of the demo PKI (password " + SamplePki.DEMO_PASSWORD + "); "
        + SampleUnits.load().size() + " sample units; administrator 000.00.00.H49; auditor 000.00.01.H49 (unless auditors is set).");
    out.println(ca != null ? "Sample CA services: " + ca.urls().base() : "Sample CA services not started: " + caProblem);
  }

  @Override
  public void close() {
    if (ca != null) {
      ca.close();
    }
  }
}
