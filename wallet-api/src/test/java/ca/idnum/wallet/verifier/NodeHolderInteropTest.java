package ca.idnum.wallet.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.idnum.sdk.openid4vp.VerifierClient;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An independent holder ({@code interop/wallet/present.mjs}: OpenWallet Foundation's {@code
 * @sd-jwt/core} for the presentation and key binding, {@code jose} for the request object check
 * and the encrypted response) presents a credential we issued; our verifier accepts it and hands
 * the relying body only {@code age_over_18}.
 */
class NodeHolderInteropTest extends PresentationTestSupport {

  @Test
  void whenAnIndependentHolderPresentsThenTheVerifierAcceptsOnlyTheAskedClaim() throws Exception {
    Path interop = requireNode();
    Issued issued = issue("dec", "QC-1990-000123", "proof_of_age");
    VerifierClient.Transaction tx =
        saq.create(saqToken(), ageQuery(), VerifierClient.Options.defaults());

    Map<String, Object> testCase = new HashMap<>();
    testCase.put("name", "age");
    testCase.put("deepLink", tx.deepLink());
    testCase.put("credential", issued.credential());
    testCase.put("holderPrivateJwk", issued.key().toJSONObject());
    testCase.put("credentialQueryId", "age");
    testCase.put("presentationFrame", Map.of("age_over_18", true));
    Map<String, Object> out = run(interop, testCase);

    assertThat(out.get("ok")).as(String.valueOf(out.get("error"))).isEqualTo(true);
    assertThat(((Number) out.get("status")).intValue())
        .as(String.valueOf(out.get("body")))
        .isEqualTo(200);
    VerifierClient.Result result = saq.result(saqToken(), tx.transactionId(), null);
    assertThat(result.accepted()).as(result.error()).isTrue();
    assertThat(result.credentials().get(0).claims())
        .containsExactly(Map.entry("age_over_18", true));
  }

  private static Path requireNode() {
    String env = System.getenv("IDNUM_INTEROP_DIR");
    Path dir =
        env != null && !env.isBlank()
            ? Path.of(env)
            : Path.of("..", "interop").toAbsolutePath().normalize();
    boolean modules = Files.isDirectory(dir.resolve("node_modules/@sd-jwt/core"));
    boolean node;
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      node = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      node = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      node = false;
    }
    if (!(modules && node) && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("interop prerequisites missing on CI (node, " + dir + ")");
    }
    assumeTrue(modules && node, "node or interop/node_modules missing");
    return dir;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> run(Path interop, Map<String, Object> testCase)
      throws Exception {
    Process p =
        new ProcessBuilder("node", "wallet/present.mjs")
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
