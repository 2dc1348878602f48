package ca.idnum.server.audit;

import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The audit log on H2 in PostgreSQL mode (the embedded default's database). */
class H2JdbcAuditLogTest extends JdbcAuditLogContract {

  @Override
  protected DataSource dataSource() {
    return new SimpleDriverDataSource(
        new org.h2.Driver(),
        "jdbc:h2:mem:audit-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "sa",
        "");
  }
}
