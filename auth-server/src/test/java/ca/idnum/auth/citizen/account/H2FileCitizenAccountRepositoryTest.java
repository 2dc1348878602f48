package ca.idnum.auth.citizen.account;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The repository contract on the embedded default: H2 in file mode, PostgreSQL compatibility. */
class H2FileCitizenAccountRepositoryTest extends CitizenAccountRepositoryContract {

  @TempDir static Path dataDir;

  @Override
  DataSource dataSource() {
    return new SimpleDriverDataSource(
        new org.h2.Driver(),
        "jdbc:h2:file:"
            + dataDir.resolve("idnum-auth")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "sa",
        "");
  }
}
