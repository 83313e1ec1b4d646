package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The V8 migration killed half-way on an H2 file (the upgrade of a large database takes seconds;
 * an operator's Ctrl-C, a service manager's stop timeout, a power cut): H2 commits each
 * {@code ALTER TABLE} at once, so the columns stay while the batches and Flyway's history row are
 * gone. The next start must finish the migration, not fail for good.
 */
class SearchKeysMigrationCrashTest {

  private static final int MESSAGES = SearchKeysMigration.BATCH * 3;

  @TempDir Path dir;

  @Test
  void anH2UpgradeKilledHalfWayThroughV8StartsAgainAndFinishesIt() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("hub").toAbsolutePath();
    Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration").target("7").load().migrate();
    try (Connection c = DriverManager.getConnection(url, "", "")) {
      c.setAutoCommit(false);
      for (int i = 0; i < MESSAGES; i++) {
        SearchKeysMigrationTest.insertAsVersion7(c, "D-" + i, "Quyết định số " + i, i + "/QĐ-UBND");
      }
      c.commit();
    }

    // the upgrading hub, killed (no shutdown, no close) while V8 writes its second batch
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        KilledMigration.class.getName(), url).redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.log").toFile()).start();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isEqualTo(137);

    // the operator starts the hub again
    try (Database db = Database.open(url, "", "", 2)) {
      SearchKeysMigrationTest.everyRowKeyed(db, MESSAGES);
    }
  }

  public static final class KilledMigration {
    public static void main(String[] args) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(args[0]);
      AtomicInteger batches = new AtomicInteger();
      DataSource killing = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
          new Class<?>[] {DataSource.class}, (p, m, a) -> {
            Object result = invoke(h2, m, a);
            return result instanceof Connection c ? connection(c, batches) : result;
          });
      Database.migrate(killing);
      System.out.println("migration ended without being killed");
      System.exit(3);
    }

    private static Connection connection(Connection c, AtomicInteger batches) {
      return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
          (p, m, a) -> {
            Object result = invoke(c, m, a);
            if (m.getName().equals("prepareStatement") && ((String) a[0]).startsWith("UPDATE message SET search_exact")) {
              PreparedStatement ps = (PreparedStatement) result;
              return Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                  new Class<?>[] {PreparedStatement.class}, (InvocationHandler) (q, n, b) -> {
                    if (n.getName().equals("executeBatch") && batches.incrementAndGet() == 2) {
                      Thread.sleep(Duration.ofSeconds(2).toMillis()); // H2's writer stores what was committed
                      Runtime.getRuntime().halt(137);
                    }
                    return invoke(ps, n, b);
                  });
            }
            return result;
          });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] a) throws Throwable {
      try {
        return m.invoke(target, a);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
