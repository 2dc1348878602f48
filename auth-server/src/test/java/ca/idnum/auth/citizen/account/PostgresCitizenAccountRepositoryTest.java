package ca.idnum.auth.citizen.account;

import ca.idnum.server.testing.TestServices;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The repository contract on the real PostgreSQL that {@code scripts/test.sh} starts (skipped
 * outside it, failing on CI when it is missing).
 */
class PostgresCitizenAccountRepositoryTest extends CitizenAccountRepositoryContract {

  private static String url;

  @Override
  DataSource dataSource() {
    if (url == null) {
      url = TestServices.newPostgresDatabase();
    }
    return new SimpleDriverDataSource(new org.postgresql.Driver(), url, "postgres", "");
  }
}
