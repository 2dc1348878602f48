package ca.idnum.wallet.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.idnum.sdk.openid4vci.CredentialOffer;
import ca.idnum.sdk.openid4vci.IssuerMetadata;
import ca.idnum.sdk.openid4vci.Proofs;
import ca.idnum.sdk.openid4vci.TokenResponse;
import ca.idnum.sdk.sdjwt.SdJwt;
import ca.idnum.wallet.support.WalletApiTestBase;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An independent implementation, panva's {@code jose} run with Node ({@code
 * interop/vci-encryption/jwe.mjs}), encrypts a Credential Request to the key of our Credential
 * Issuer metadata (OpenID4VCI 1.0 §10) that our issuer accepts, and decrypts our encrypted
 * Credential Response with the ephemeral key it made.
 */
class NodeCredentialEncryptionInteropTest extends WalletApiTestBase {

  @Test
  void whenJoseEncryptsTheRequestThenOurIssuerAnswersAResponseJoseDecrypts() throws Exception {
    Path interop = requireNode();
    Map<String, Object> created = createOffer("dec", "QC-1990-000123", List.of("identity"), false);
    CredentialOffer offer = wallet.resolveOffer((String) created.get("deepLink"));
    IssuerMetadata metadata = wallet.discover(offer.credentialIssuer());
    TokenResponse token =
        wallet.preAuthorizedToken(
            metadata, offer, null, new ECKeyGenerator(Curve.P_256).generate());
    ECKey holder = new ECKeyGenerator(Curve.P_256).generate();
    String nonce = wallet.nonce(metadata);
    Map<String, Object> request =
        Map.of(
            "credential_configuration_id",
            "identity",
            "proofs",
            Map.of(
                "jwt",
                List.of(
                    Proofs.keyProof(holder, metadata.credentialIssuer(), nonce, Instant.now()))));
    @SuppressWarnings("unchecked")
    Map<String, Object> requestEncryption =
        (Map<String, Object>) metadata.raw().get("credential_request_encryption");
    @SuppressWarnings("unchecked")
    Object issuerJwk =
        ((List<Object>) ((Map<String, Object>) requestEncryption.get("jwks")).get("keys")).get(0);

    Map<String, Object> encrypted =
        run(
            interop,
            Map.of("op", "encrypt", "issuerJwk", issuerJwk, "enc", "A256GCM", "request", request));
    assertThat(encrypted.get("ok")).as(String.valueOf(encrypted.get("error"))).isEqualTo(true);

    String uri = metadata.credentialEndpoint().toString();
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", "application/jwt")
                .header("Authorization", "DPoP " + token.accessToken())
                .header(
                    "DPoP",
                    Proofs.dpop(token.dpopKey(), "POST", uri, token.accessToken(), Instant.now()))
                .POST(HttpRequest.BodyPublishers.ofString((String) encrypted.get("jwe")))
                .build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/jwt");

    Map<String, Object> decrypted =
        run(
            interop,
            Map.of(
                "op",
                "decrypt",
                "jwe",
                r.body(),
                "responsePrivateJwk",
                encrypted.get("responsePrivateJwk")));
    assertThat(decrypted.get("ok")).as(String.valueOf(decrypted.get("error"))).isEqualTo(true);
    @SuppressWarnings("unchecked")
    Map<String, Object> header = (Map<String, Object>) decrypted.get("header");
    assertThat(header)
        .containsEntry("alg", "ECDH-ES")
        .containsEntry("enc", "A256GCM")
        .containsEntry("kid", "jose-response-key");
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = (Map<String, Object>) decrypted.get("payload");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> credentials = (List<Map<String, Object>>) payload.get("credentials");
    assertThat(credentials).hasSize(1);
    assertThat(SdJwt.parse((String) credentials.get(0).get("credential")).issuerSignedJwt())
        .isNotBlank();
  }

  private static Path requireNode() {
    Path dir = interopDir();
    boolean modules = Files.isDirectory(dir.resolve("node_modules/jose"));
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

  private static Map<String, Object> run(Path interop, Map<String, Object> input) throws Exception {
    Process p =
        new ProcessBuilder("node", "vci-encryption/jwe.mjs")
            .directory(interop.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(JSONObjectUtils.toJSONString(input).getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream o = p.getInputStream()) {
      o.transferTo(out);
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
    return JSONObjectUtils.parse(out.toString(StandardCharsets.UTF_8));
  }
}
