package vn.lienthong.server.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import vn.lienthong.server.api.ws.AddUnitCertificateRequest;
import vn.lienthong.server.api.ws.DefineGroupRequest;
import vn.lienthong.server.api.ws.DefineGroupResponse;
import vn.lienthong.server.api.ws.RevokeUnitCertificateRequest;
import vn.lienthong.server.api.ws.UnitData;
import vn.lienthong.server.api.ws.UnitResponse;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.registry.Registry;
import vn.lienthong.server.registry.Unit;
import vn.lienthong.server.routing.Address;
import vn.lienthong.server.routing.Router;

/**
 * The administrators' operations on the registry and the named groups, from the contract's
 * requests to its answers. The caller's role is the endpoint's to check, before any of these.
 */
final class Administration {

  private final Registry registry;
  private final Router router;

  Administration(Registry registry, Router router) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.router = Objects.requireNonNull(router, "router");
  }

  UnitResponse register(UnitData data) {
    return unitResponse(registry.register(Wire.unitData(data)));
  }

  UnitResponse update(UnitData data) {
    return unitResponse(registry.update(Wire.unitData(data)));
  }

  UnitResponse deactivate(String organId) {
    return unitResponse(registry.deactivate(Wire.organId(organId, "OrganId")));
  }

  UnitResponse addCertificate(AddUnitCertificateRequest body) {
    if (body.getCertificate() == null) {
      throw new HubException(HubError.INVALID_REQUEST, "Cần chứng thư / Certificate is required", "Certificate");
    }
    return unitResponse(registry.addCertificate(Wire.organId(body.getOrganId(), "OrganId"), body.getCertificate()));
  }

  UnitResponse revokeCertificate(RevokeUnitCertificateRequest body) {
    return unitResponse(registry.revokeCertificate(Wire.organId(body.getOrganId(), "OrganId"),
        Objects.requireNonNullElse(body.getSha256(), "")));
  }

  DefineGroupResponse defineGroup(DefineGroupRequest body) {
    String name = Objects.requireNonNullElse(body.getName(), "");
    if (!Address.GROUP_NAME.matcher(name).matches()) {
      throw new HubException(HubError.INVALID_REQUEST, "Tên nhóm không hợp lệ / invalid group name", "Name");
    }
    List<String> addresses = router.defineGroup(name, new ArrayList<>(body.getAddress()));
    DefineGroupResponse r = new DefineGroupResponse();
    r.setName(name);
    r.setMembers(addresses.size());
    return r;
  }

  private static UnitResponse unitResponse(Unit u) {
    UnitResponse r = new UnitResponse();
    r.setUnit(Wire.unit(u, true));
    return r;
  }
}
