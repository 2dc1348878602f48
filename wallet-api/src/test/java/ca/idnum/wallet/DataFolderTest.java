package ca.idnum.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.server.crypto.CryptoProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The default data folder {@code .} is the working directory, not the embedded web server's
 * temporary document root: the generated key-encryption key must survive a restart.
 */
class DataFolderTest {

  @Test
  void whenTheDataFolderIsTheWorkingDirectoryThenTheGeneratedKekIsWrittenThere() throws Exception {
    Path kek = Path.of("idnum-kek.key").toAbsolutePath();
    boolean existed = Files.exists(kek);
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(WalletApiApplication.class)
            .run(
                "--server.port=0",
                "--idnum.data-dir=.",
                "--spring.datasource.url=jdbc:h2:mem:datafolder;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "--idnum.wallet.base-url=http://localhost")) {
      assertThat(app.getBean(CryptoProperties.class).dataPath())
          .isEqualTo(Path.of("").toAbsolutePath().normalize());
      assertThat(kek).exists();
    } finally {
      if (!existed) {
        Files.deleteIfExists(kek);
      }
    }
  }
}
