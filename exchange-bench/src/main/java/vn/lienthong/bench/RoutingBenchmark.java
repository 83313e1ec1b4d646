package vn.lienthong.bench;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.units.SampleUnits;
import vn.lienthong.server.registry.Groups;
import vn.lienthong.server.registry.Registry;
import vn.lienthong.server.registry.UnitData;
import vn.lienthong.server.registry.UnitTree;
import vn.lienthong.server.routing.Address;
import vn.lienthong.server.routing.Resolution;
import vn.lienthong.server.routing.Router;
import vn.lienthong.server.store.Database;

/**
 * Routing of one document to the whole province: the hub's {@link Router} resolving
 * {@code 000.00.00.H49/**} (every active unit under the provincial committee) over the 970
 * sample units, registered in an in-memory H2 database migrated by the hub's own Flyway scripts,
 * as intake resolves an envelope's extra addresses.
 */
@State(Scope.Benchmark)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutingBenchmark {

  static final OrganId PROVINCE = OrganId.of("000.00.00.H49");

  private Database db;
  private Router router;
  private List<Address> wholeProvince;

  @Setup(Level.Trial)
  public void register() {
    db = Database.open("jdbc:h2:mem:routing-bench;DB_CLOSE_DELAY=-1", "sa", "", 4);
    Clock clock = Clock.systemUTC();
    new Registry(db, clock).registerAll(SampleUnits.load().stream()
        .map(u -> new UnitData(OrganId.of(u.organId()), u.parent().map(OrganId::of).orElse(null),
            u.name(), u.kind().name(), u.email(), u.telephone(), "", u.address()))
        .toList());
    router = new Router(new UnitTree(db), new Groups(db, clock));
    wholeProvince = Router.parse(List.of(PROVINCE.value() + "/**"));
    int recipients = resolve().recipients().size();
    if (recipients < 900) {
      throw new IllegalStateException("the whole province is " + recipients + " units, not 900+");
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    db.close();
  }

  /** One document from the provincial committee to every unit under it. */
  @Benchmark
  public Resolution resolve() {
    return router.resolve(PROVINCE, List.of(), wholeProvince);
  }
}
