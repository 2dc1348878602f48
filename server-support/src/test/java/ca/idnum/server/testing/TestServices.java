package ca.idnum.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL and Redis that {@code scripts/test.sh} starts on free loopback ports, for
 * integration tests. Outside that script (an IDE run) such tests are skipped; on CI ({@code
 * CI=true}) a missing service fails the test instead, so nothing is silently skipped there.
 */
public final class TestServices {

  private TestServices() {}

  /** Creates a fresh, empty PostgreSQL database and returns its JDBC URL (user postgres). */
  public static String newPostgresDatabase() {
    String adminUrl = require("IDNUM_TEST_PG_URL");
    String name = "t_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database", e);
    }
    return "jdbc:postgresql://"
        + require("IDNUM_TEST_PG_HOST")
        + ":"
        + require("IDNUM_TEST_PG_PORT")
        + "/"
        + name;
  }

  /** Host of the test Redis. */
  public static String redisHost() {
    return require("IDNUM_TEST_REDIS_HOST");
  }

  /** Port of the test Redis. */
  public static int redisPort() {
    return Integer.parseInt(require("IDNUM_TEST_REDIS_PORT"));
  }

  /** Whether the external services were started for this run. */
  public static boolean available() {
    return System.getenv("IDNUM_TEST_PG_URL") != null
        && System.getenv("IDNUM_TEST_REDIS_PORT") != null;
  }

  private static String require(String variable) {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(
            variable + " is not set: run the tests through scripts/test.sh");
      }
      Assumptions.abort(variable + " not set: run through scripts/test.sh to include this test");
    }
    return value;
  }
}
