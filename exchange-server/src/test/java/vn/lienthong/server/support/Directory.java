package vn.lienthong.server.support;

import vn.lienthong.server.api.ws.AddUnitCertificateRequest;
import vn.lienthong.server.api.ws.ExchangePortType;
import vn.lienthong.server.api.ws.RegisterUnitRequest;
import vn.lienthong.server.api.ws.UnitData;

/** Registers units of the test PKI through the administrator API (for hubs in other processes). */
public final class Directory {

  private Directory() {}

  public static void register(ExchangePortType admin, String... organIds) throws Exception {
    for (String id : organIds) {
      UnitData d = new UnitData();
      d.setOrganId(id);
      d.setName("Đơn vị " + id);
      RegisterUnitRequest r = new RegisterUnitRequest();
      r.setData(d);
      admin.registerUnit(r);
      AddUnitCertificateRequest c = new AddUnitCertificateRequest();
      c.setOrganId(id);
      c.setCertificate(TestPki.PKI.system(id).certificate().getEncoded());
      admin.addUnitCertificate(c);
    }
  }
}
