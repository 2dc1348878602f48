package ca.idnum.sdk.sdjwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

/**
 * Runs the interop scripts under {@code interop/sdjwt} with Node. The interop folder comes from
 * {@code IDNUM_INTEROP_DIR}, else {@code IDNUM_REPO_ROOT}/interop; when Node or its modules are
 * missing the test is skipped, except on CI ({@code CI=true}) where it fails.
 */
final class NodeInterop {
  private NodeInterop() {}

  static Path interopDir() {
    String dir = System.getenv("IDNUM_INTEROP_DIR");
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir);
    }
    String root = System.getenv("IDNUM_REPO_ROOT");
    if (root != null && !root.isBlank()) {
      return Path.of(root, "interop");
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("interop"))) {
      p = p.getParent();
    }
    return p == null ? Path.of("interop") : p.resolve("interop");
  }

  /** Skips (or fails on CI) when Node or the npm packages are not available. */
  static Path requireNode() {
    Path dir = interopDir();
    boolean modules = Files.isDirectory(dir.resolve("node_modules/@sd-jwt/sd-jwt-vc"));
    boolean node = nodeWorks();
    if (!(modules && node)) {
      String why =
          "node "
              + (node ? "ok" : "missing")
              + ", node_modules at "
              + dir
              + " "
              + (modules ? "ok" : "missing");
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("interop prerequisites missing on CI: " + why);
      }
      assumeTrue(false, "interop prerequisites missing: " + why);
    }
    return dir;
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

  /** Runs {@code sdjwt/<script>} with {@code {"cases": cases}}; returns results by case name. */
  static Map<String, Map<String, Object>> run(String script, List<Map<String, Object>> cases)
      throws Exception {
    Path dir = requireNode();
    Process p =
        new ProcessBuilder("node", "sdjwt/" + script)
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(
          JSONObjectUtils.toJSONString(Map.of("cases", cases)).getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream o = p.getInputStream()) {
      o.transferTo(out);
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("node finished").isTrue();
    assertThat(p.exitValue()).as("node exit code").isZero();
    Map<String, Object> json = JSONObjectUtils.parse(out.toString(StandardCharsets.UTF_8));
    Map<String, Map<String, Object>> byName = new HashMap<>();
    for (Object r : (List<?>) json.get("results")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) r;
      byName.put((String) m.get("name"), m);
    }
    return byName;
  }
}
