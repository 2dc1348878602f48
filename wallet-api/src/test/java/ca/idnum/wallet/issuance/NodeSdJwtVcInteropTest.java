package ca.idnum.wallet.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.idnum.sdk.openid4vci.CredentialOffer;
import ca.idnum.sdk.openid4vci.IssuerMetadata;
import ca.idnum.wallet.support.WalletApiTestBase;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An independent implementation, OpenWallet Foundation's {@code @sd-jwt/sd-jwt-vc} 0.19.0 run with
 * Node ({@code interop/wallet/verify-issued.mjs}), verifies a credential we issued with the key
 * from our {@code jwt-vc-issuer} metadata (checked against {@code x5c}), checks its status list and
 * loads its type metadata; after revocation it refuses the credential.
 */
class NodeSdJwtVcInteropTest extends WalletApiTestBase {

  @Test
  void whenTheNodeLibraryVerifiesOurCredentialThenItSeesOurClaimsAndRefusesItOnceRevoked()
      throws Exception {
    Path interop = requireNode();
    Map<String, Object> created = createOffer("dec", "QC-1990-000123", List.of("identity"), true);
    CredentialOffer offer = wallet.resolveOffer((String) created.get("deepLink"));
    IssuerMetadata metadata = wallet.discover(offer.credentialIssuer());
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    String credential =
        wallet
            .credentials(
                metadata,
                wallet.preAuthorizedToken(metadata, offer, (String) created.get("txCode"), key),
                "identity",
                List.of(key))
            .get(0);
    Map<String, Object> testCase =
        Map.of(
            "name",
            "identity",
            "credential",
            credential,
            "jwtVcIssuerUrl",
            BASE + "/.well-known/jwt-vc-issuer/issuers/dec");

    Map<String, Object> valid = run(interop, testCase);
    assertThat(valid.get("ok")).as(String.valueOf(valid.get("error"))).isEqualTo(true);
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = (Map<String, Object>) valid.get("payload");
    assertThat(payload)
        .containsEntry("given_name", "Marie")
        .containsEntry("family_name", "Tremblay")
        .containsEntry("birthdate", "1990-04-12")
        .containsEntry("age_over_18", true)
        .containsEntry("vct", BASE + "/vct/identity");
    assertThat(valid.get("typeMetadataName")).isEqualTo("Proof of identity");

    HttpResponse<String> revoked =
        post(
            "/issuers/dec/admin/subject-status",
            "{\"subject\":\"QC-1990-000123\",\"status\":\"REVOKED\"}",
            "application/json",
            AUTH.accessToken("back-office-dec", "idnum:issuer:dec"));
    assertThat(revoked.statusCode()).isEqualTo(200);
    Map<String, Object> refused = run(interop, testCase);
    assertThat(refused.get("ok")).isEqualTo(false);
    assertThat(String.valueOf(refused.get("error"))).contains("Status is not valid");
  }

  private static Path requireNode() {
    Path dir = interopDir();
    boolean modules = Files.isDirectory(dir.resolve("node_modules/@sd-jwt/sd-jwt-vc"));
    boolean node = nodeWorks();
    if (!(modules && node) && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(
          "interop prerequisites missing on CI (node, " + dir + "/node_modules)");
    }
    assumeTrue(modules && node, "node or interop/node_modules missing");
    return dir;
  }

  private static Path interopDir() {
    String dir = System.getenv("IDNUM_INTEROP_DIR");
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir);
    }
    String root = System.getenv("IDNUM_REPO_ROOT");
    if (root != null && !root.isBlank()) {
      return Path.of(root, "interop");
    }
    return Path.of("..", "interop").toAbsolutePath().normalize();
  }

  private static boolean nodeWorks() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> run(Path interop, Map<String, Object> testCase)
      throws Exception {
    Process p =
        new ProcessBuilder("node", "wallet/verify-issued.mjs")
            .directory(interop.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(
          JSONObjectUtils.toJSONString(Map.of("cases", List.of(testCase)))
              .getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream o = p.getInputStream()) {
      o.transferTo(out);
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
    Map<String, Object> json = JSONObjectUtils.parse(out.toString(StandardCharsets.UTF_8));
    return new HashMap<>(((List<Map<String, Object>>) json.get("results")).get(0));
  }
}
