package ca.idnum.auth.audit;

import static ca.idnum.auth.oidc.support.OidcKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.oidc.support.FreePort;
import ca.idnum.auth.oidc.support.Http;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit log in the running server: security events recorded by real logins and admin actions,
 * searched and verified through the admin API (client credentials, scope idnum:admin), verified by
 * the command line, counted for Prometheus; the chain verification names a modified record.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(OidcTestConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditApiTest {

  static final String ADMIN_SECRET = "admin-secret-for-audit-tests-0123456789abcde";
  static int port;
  static Path dir;

  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    port = FreePort.find();
    dir = Files.createTempDirectory("idnum-audit");
    registry.add("server.port", () -> port);
    registry.add("idnum.issuer", () -> "http://localhost:" + port);
    registry.add("idnum.data-dir", dir::toString);
    registry.add("idnum.admin.client-secret", () -> ADMIN_SECRET);
    registry.add("spring.messages.basename", () -> OidcTestConfig.MESSAGES);
  }

  Http http() {
    return new Http("http://localhost:" + port);
  }

  String adminToken() {
    HttpResponse<String> response =
        http()
            .postForm(
                "/oauth2/token",
                Map.of("grant_type", "client_credentials", "scope", "idnum:admin"),
                "Authorization",
                Http.basic("idnum-admin", ADMIN_SECRET));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return (String) json(response).get("access_token");
  }

  HttpResponse<String> admin(String path) {
    return http().get(path, "Authorization", "Bearer " + adminToken());
  }

  void login(String email, String password) {
    Http browser = http();
    HttpResponse<String> page = browser.get("/login", "Accept", "text/html");
    browser.postForm(
        "/login",
        Map.of(
            "username",
            email,
            "password",
            password,
            "_csrf",
            Http.inputValue(page.body(), "_csrf")),
        "Accept",
        "text/html");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> records(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return (List<Map<String, Object>>) json(response).get("records");
  }

  @Test
  @Order(1)
  void loginsAreRecordedWithoutRevealingWhetherAnAccountExists() {
    login("alice@example.org", OidcTestConfig.PASSWORD);
    login("alice@example.org", "wrong password, long enough");
    login("nobody@example.org", "wrong password, long enough");

    List<Map<String, Object>> successes =
        records(admin("/admin/audit?type=login.success&citizen=" + OidcTestConfig.ALICE));
    assertThat(successes).isNotEmpty();
    assertThat(successes.get(0)).containsEntry("citizen", OidcTestConfig.ALICE.toString());
    assertThat((Map<String, Object>) successes.get(0).get("details"))
        .containsEntry("level", "urn:idnum:loa:1")
        .containsKey("sid");

    List<Map<String, Object>> failures = records(admin("/admin/audit?type=login.failure"));
    assertThat(failures).hasSizeGreaterThanOrEqualTo(2);
    // the known and the unknown address leave the same trace: no address, no account
    for (Map<String, Object> failure : failures.subList(0, 2)) {
      assertThat(failure).doesNotContainKey("citizen");
      assertThat(failure.toString()).doesNotContain("example.org");
      assertThat((Map<String, Object>) failure.get("details"))
          .containsEntry("reason", "bad_credentials");
    }
  }

  @Test
  @Order(2)
  void adminActionsAreRecordedAndTheLogPagesNewestFirst() {
    String token = adminToken();
    HttpResponse<String> rotated =
        http()
            .send(
                java.net.http.HttpRequest.newBuilder(http().uri("/admin/keys/rotate"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", "Bearer " + token)
                    .build());
    assertThat(rotated.statusCode()).isEqualTo(200);
    List<Map<String, Object>> rotations =
        records(admin("/admin/audit?type=admin.keys.rotated&client=idnum-admin"));
    assertThat(rotations).hasSize(1);

    // one token for the pages: issuing a token is itself an event (token.issued)
    Map<String, Object> all =
        json(http().get("/admin/audit?size=2&page=0", "Authorization", "Bearer " + token));
    assertThat(((Number) all.get("total")).intValue()).isGreaterThan(3);
    List<Map<String, Object>> first =
        records(http().get("/admin/audit?size=2&page=0", "Authorization", "Bearer " + token));
    List<Map<String, Object>> second =
        records(http().get("/admin/audit?size=2&page=1", "Authorization", "Bearer " + token));
    assertThat(first).hasSize(2);
    long newest = ((Number) first.get(0).get("seq")).longValue();
    assertThat(((Number) first.get(1).get("seq")).longValue()).isEqualTo(newest - 1);
    assertThat(((Number) second.get(0).get("seq")).longValue()).isEqualTo(newest - 2);
    assertThat(second.get(0).get("hash")).isEqualTo(first.get(1).get("previous_hash"));

    List<Map<String, Object>> none =
        records(admin("/admin/audit?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z"));
    assertThat(none).isEmpty();
  }

  @Test
  @Order(3)
  void badQueriesAreRefusedWithAnOAuthStyleError() {
    for (String query :
        List.of(
            "page=-1",
            "size=0",
            "size=1000",
            "page=x",
            "from=yesterday",
            "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
            "type=" + "t".repeat(65))) {
      HttpResponse<String> refused = admin("/admin/audit?" + query);
      assertThat(refused.statusCode()).as(query).isEqualTo(400);
      assertThat(json(refused)).containsEntry("error", "invalid_request");
      assertThat(refused.body()).doesNotContain("Exception");
    }
    assertThat(http().get("/admin/audit").statusCode()).isEqualTo(401);
    assertThat(http().get("/admin/audit/verify").statusCode()).isEqualTo(401);
  }

  @Test
  @Order(4)
  void eventsAreCountedForPrometheusAndRequestsCarryACorrelationId() {
    HttpResponse<String> scrape = http().get("/actuator/prometheus", "X-Request-Id", "scrape-1");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("X-Request-Id")).hasValue("scrape-1");
    assertThat(scrape.body())
        .contains("idnum_login_failures_total")
        .contains("idnum_login_lockouts_total")
        .contains("idnum_login_step_ups_total")
        .contains("idnum_audit_events_total{type=\"login.failure\"}");
    assertThat(http().get("/").headers().firstValue("X-Request-Id")).isPresent();
  }

  @Test
  @Order(5)
  void theChainVerifiesThroughTheApiAndTheCommandLine() {
    Map<String, Object> result = json(admin("/admin/audit/verify"));
    assertThat(result).containsEntry("intact", true).doesNotContainKey("first_broken_seq");
    assertThat(((Number) result.get("checked")).intValue()).isGreaterThan(3);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = AuditVerifyCommand.run(commandLine(), new PrintStream(out, true));
    assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("audit chain intact");
  }

  @Test
  @Order(6)
  void aModifiedRecordIsNamedByTheApiAndFailsTheCommand() {
    jdbc.sql("UPDATE audit_log SET client_id = 'someone-else' WHERE seq = 2").update();
    Map<String, Object> result = json(admin("/admin/audit/verify"));
    assertThat(result).containsEntry("intact", false);
    assertThat(((Number) result.get("first_broken_seq")).longValue()).isEqualTo(2);
    assertThat((String) result.get("reason")).contains("modified");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = AuditVerifyCommand.run(commandLine(), new PrintStream(out, true));
    assertThat(status).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("BROKEN at record 2");
  }

  private static String[] commandLine() {
    return new String[] {"--idnum.audit.verify=true", "--idnum.data-dir=" + dir};
  }
}
