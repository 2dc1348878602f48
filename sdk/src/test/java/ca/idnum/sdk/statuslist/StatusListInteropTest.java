package ca.idnum.sdk.statuslist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cross-implementation tests with the OpenWallet Foundation's {@code @sd-jwt/jwt-status-list}
 * 0.19.0 (signatures with {@code jose}), run with Node from {@code interop/statuslist/}: ours
 * builds and theirs verifies and decodes; theirs builds and ours verifies and decodes. Skipped when
 * Node or the npm packages are missing, except on CI ({@code CI=true}) where that fails the build.
 */
class StatusListInteropTest {

  private static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final URI URI = java.net.URI.create(StatusListFixtures.URI_1);

  private static Path interop;

  @BeforeAll
  static void locateNodeAndPackages() {
    String dir = System.getenv("IDNUM_INTEROP_DIR");
    if (dir == null || dir.isBlank()) {
      String root = System.getenv("IDNUM_REPO_ROOT");
      dir = root == null ? "../interop" : root + "/interop";
    }
    interop = Path.of(dir).toAbsolutePath().normalize();
    String missing = null;
    if (!Files.isDirectory(interop.resolve("node_modules/@sd-jwt/jwt-status-list"))) {
      missing = "npm packages missing in " + interop + " (run npm ci there)";
    } else if (!nodeAvailable()) {
      missing = "node is not on the PATH";
    }
    if (missing != null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("interop tests cannot run on CI: " + missing);
      }
      Assumptions.assumeTrue(false, missing);
    }
  }

  @ParameterizedTest
  @EnumSource(StatusBits.class)
  void whenWeIssueAStatusListTokenThenTheirLibraryVerifiesAndDecodesEveryStatus(StatusBits bits)
      throws Exception {
    int size = 20_000 + bits.entriesPerByte() * 7;
    int[] statuses = randomStatuses(bits, size, 42 + bits.bits());
    StatusListBuilder builder = new StatusListBuilder(bits, size);
    for (int i = 0; i < size; i++) {
      builder.set(i, TokenStatus.of(statuses[i]));
    }
    ECKey key = StatusListFixtures.newEcKey("idnum-interop");
    String jwt =
        new StatusListTokenIssuer(
                new ECDSASigner(key),
                JWSAlgorithm.ES256,
                SignerKeyReference.kid("idnum-interop"),
                CLOCK)
            .issue(URI, builder.build(), Duration.ofHours(1), Duration.ofMinutes(5));
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("jwt", jwt);
    request.put("publicJwk", key.toPublicJWK().toJSONObject());
    request.put("now", NOW.getEpochSecond());

    Map<String, Object> theirs = node("decode.mjs", request);

    assertThat(((Number) theirs.get("bits")).intValue()).isEqualTo(bits.bits());
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = (Map<String, Object>) theirs.get("payload");
    assertThat(payload).containsEntry("sub", URI.toString()).containsEntry("ttl", 300L);
    @SuppressWarnings("unchecked")
    List<Number> decoded = (List<Number>) theirs.get("statuses");
    assertThat(decoded.size()).isGreaterThanOrEqualTo(size);
    for (int i = 0; i < size; i++) {
      if (decoded.get(i).intValue() != statuses[i]) {
        assertThat(decoded.get(i).intValue()).as("status[%d]", i).isEqualTo(statuses[i]);
      }
    }
    for (int i = size; i < decoded.size(); i++) {
      assertThat(decoded.get(i).intValue()).as("padding status[%d]", i).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(StatusBits.class)
  void whenTheirLibraryIssuesAStatusListTokenThenWeVerifyAndDecodeEveryStatus(StatusBits bits)
      throws Exception {
    int size = 16_000;
    int[] statuses = randomStatuses(bits, size, 7 + bits.bits());
    List<Integer> list = new ArrayList<>(size);
    for (int status : statuses) {
      list.add(status);
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("bits", bits.bits());
    request.put("statuses", list);
    request.put("sub", URI.toString());
    request.put("iat", NOW.getEpochSecond());
    request.put("exp", NOW.plus(Duration.ofHours(1)).getEpochSecond());
    request.put("ttl", 600);

    Map<String, Object> theirs = node("build.mjs", request);
    @SuppressWarnings("unchecked")
    JWK publicJwk = JWK.parse((Map<String, Object>) theirs.get("publicJwk"));
    StatusListToken token =
        StatusListTokenVerifier.withDefaults(
                StatusListKeyResolver.jwkSet(new JWKSet(publicJwk)), CLOCK)
            .verify((String) theirs.get("jwt"), URI);

    assertThat(token.statusList().bits()).isEqualTo(bits);
    assertThat(token.timeToLive()).contains(Duration.ofSeconds(600));
    assertThat(token.statusList().size()).isEqualTo(size);
    for (int i = 0; i < size; i++) {
      if (token.statusList().statusValue(i) != statuses[i]) {
        assertThat(token.statusList().statusValue(i)).as("status[%d]", i).isEqualTo(statuses[i]);
      }
    }
    assertThat(token.statusList().toLst())
        .as("same ZLIB level 9 output as pako")
        .isEqualTo(theirs.get("lst"));
  }

  private static int[] randomStatuses(StatusBits bits, int size, long seed) {
    Random random = new Random(seed);
    int[] statuses = new int[size];
    for (int i = 0; i < size; i++) {
      statuses[i] = random.nextInt(10) == 0 ? 1 + random.nextInt(bits.maxValue()) : 0;
    }
    return statuses;
  }

  private static boolean nodeAvailable() {
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

  private static Map<String, Object> node(String script, Map<String, Object> input)
      throws Exception {
    Process process =
        new ProcessBuilder("node", interop.resolve("statuslist").resolve(script).toString())
            .directory(interop.toFile())
            .start();
    CompletableFuture<byte[]> stdout =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    CompletableFuture<byte[]> stderr =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    try (OutputStream in = process.getOutputStream()) {
      in.write(JSONObjectUtils.toJSONString(input).getBytes(StandardCharsets.UTF_8));
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("node " + script + " timed out");
    }
    String out = new String(stdout.get(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      fail("node " + script + " failed: " + new String(stderr.get(), StandardCharsets.UTF_8));
    }
    return JSONObjectUtils.parse(out);
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
