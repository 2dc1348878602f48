package ca.idnum.server.audit;

import ca.idnum.server.testing.TestServices;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The audit log on the real PostgreSQL started by scripts/test.sh. */
class PostgresJdbcAuditLogTest extends JdbcAuditLogContract {

  @Override
  protected DataSource dataSource() {
    return new SimpleDriverDataSource(
        new org.postgresql.Driver(), TestServices.newPostgresDatabase(), "postgres", "");
  }
}
