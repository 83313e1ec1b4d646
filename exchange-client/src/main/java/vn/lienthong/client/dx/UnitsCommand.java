package vn.lienthong.client.dx;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.lienthong.client.Directory;
import vn.lienthong.client.ExchangeClient;
import vn.lienthong.client.UnitRecord;

/** {@code dx units}: the directory of units, or one unit with its certificates. */
@Command(name = "units", mixinStandardHelpOptions = true,
    description = "Danh bạ đơn vị / the directory: every unit, the changes since a version, or one unit.")
final class UnitsCommand implements Callable<Integer> {

  @Mixin
  HubMixin hub;

  @Option(names = "--since", defaultValue = "0", description = "only units changed after this directory version")
  long since;

  @Parameters(arity = "0..1", paramLabel = "ORGANID", description = "one unit, with its certificates")
  String organId;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = hub.out();
    try (ExchangeClient client = hub.connect()) {
      if (organId != null) {
        UnitRecord u = client.unit(organId);
        print(out, u);
        u.certificates().forEach(c -> Dx.line(out, "    %s %s until %s%s", c.sha256(), c.subject(), c.notAfter(),
            c.revoked() ? " REVOKED" : ""));
        return 0;
      }
      Directory d = client.units(since);
      d.units().forEach(u -> print(out, u));
      out.println(d.units().size() + " unit(s), directory version " + d.version());
    }
    return 0;
  }

  private static void print(PrintWriter out, UnitRecord u) {
    Dx.line(out, "%-15s %-15s %s%s", u.data().organId(), u.data().parent().orElse("-"), u.data().name(),
        u.active() ? "" : " (inactive)");
  }
}
