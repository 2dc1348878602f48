package ca.idnum.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.oidc.support.FreePort;
import ca.idnum.auth.oidc.support.Http;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /actuator/prometheus} over real HTTP as production configures it (bearer token, loopback
 * not trusted): Prometheus gets in with the token, without any citizen session; nobody else does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(OidcTestConfig.class)
class MetricsEndpointTest {

  static int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    port = FreePort.find();
    Path dir = Files.createTempDirectory("idnum-metrics");
    registry.add("server.port", () -> port);
    registry.add("idnum.issuer", () -> "http://localhost:" + port);
    registry.add("idnum.data-dir", dir::toString);
    registry.add("spring.messages.basename", () -> OidcTestConfig.MESSAGES);
    registry.add("idnum.metrics.token", () -> MetricsAccessTest.TOKEN);
    registry.add("idnum.metrics.allow-loopback", () -> "false");
  }

  Http http() {
    return new Http("http://localhost:" + port);
  }

  @Test
  void whenPrometheusSendsTheTokenThenItScrapesWithoutASession() {
    HttpResponse<String> scrape =
        http().get("/actuator/prometheus", "Authorization", "Bearer " + MetricsAccessTest.TOKEN);
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body())
        .contains("# HELP")
        .contains("jvm_")
        .contains("idnum_password_hashes_total")
        .contains("idnum_password_hash_cpu_seconds_total");
    assertThat(scrape.headers().allValues("Set-Cookie")).isEmpty();
  }

  @Test
  void whenTheTokenIsMissingOrWrongThenTheAnswerIs401WithoutALoginRedirect() {
    for (HttpResponse<String> refused :
        java.util.List.of(
            http().get("/actuator/prometheus"),
            http().get("/actuator/prometheus", "Accept", "text/html"),
            http().get("/actuator/prometheus", "Authorization", "Bearer wrong-token"))) {
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate"))
          .contains("Bearer realm=\"metrics\"");
      assertThat(refused.headers().firstValue("Location")).isEmpty();
      assertThat(refused.body()).doesNotContain("# HELP");
    }
  }

  @Test
  void whenHealthIsAskedThenItStaysPublic() {
    assertThat(http().get("/actuator/health").statusCode()).isEqualTo(200);
  }
}
