package ca.idnum.auth.mandate;

import ca.idnum.auth.oidc.support.FreePort;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Mandates and delegated sessions on the embedded default (H2, in-process sessions and store). */
class EmbeddedMandatesFlowTest extends AbstractMandatesFlowTest {

  @DynamicPropertySource
  static void embedded(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("idnum-mandates");
    registry.add("idnum.data-dir", dir::toString);
    int port = FreePort.find();
    registry.add("server.port", () -> port);
    registry.add("spring.messages.basename", () -> OidcTestConfig.MESSAGES);
    registry.add("idnum.issuer", () -> "http://localhost:" + port);
  }
}
