package ca.idnum.auth.oidc.exchange;

import ca.idnum.auth.oidc.support.FreePort;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Token exchange on the embedded default: H2 file database, in-process short-lived store. */
class EmbeddedTokenExchangeFlowTest extends AbstractTokenExchangeFlowTest {

  @DynamicPropertySource
  static void embedded(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("idnum-exchange-embedded");
    registry.add("idnum.data-dir", dir::toString);
    int port = FreePort.find();
    registry.add("server.port", () -> port);
    registry.add("spring.messages.basename", () -> OidcTestConfig.MESSAGES);
    registry.add("idnum.issuer", () -> "http://localhost:" + port);
  }
}
