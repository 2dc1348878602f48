package ca.idnum.auth.oidc.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the independent implementations of {@code interop/} with Node. The folder is {@code
 * IDNUM_INTEROP_DIR}, else {@code IDNUM_REPO_ROOT/interop} (set by surefire). Without Node or the
 * installed packages the test is skipped, except on CI ({@code CI=true}) where it fails.
 */
public final class NodeScripts {

  /** The result of one script run. */
  public record Result(int exitCode, String stdout, String stderr) {
    /** The last non-empty line of stdout (the script's JSON result). */
    public String lastLine() {
      String[] lines = stdout.strip().split("\\R");
      return lines[lines.length - 1];
    }
  }

  private NodeScripts() {}

  public static Path interopDir() {
    String dir = System.getenv("IDNUM_INTEROP_DIR");
    if (dir == null || dir.isBlank()) {
      String root = System.getenv("IDNUM_REPO_ROOT");
      dir = root == null ? "../interop" : root + "/interop";
    }
    Path path = Path.of(dir).toAbsolutePath().normalize();
    boolean ready =
        Files.isDirectory(path.resolve("node_modules/openid-client")) && nodeAvailable();
    if (!ready) {
      String reason = "Node or " + path + "/node_modules missing (run npm ci in interop/)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(reason);
      }
      Assumptions.abort(reason);
    }
    return path;
  }

  public static Result run(String script, Map<String, String> environment) {
    Path dir = interopDir();
    ProcessBuilder builder = new ProcessBuilder(List.of("node", script)).directory(dir.toFile());
    builder.environment().putAll(environment);
    try {
      Path out = Files.createTempFile("node-out", ".txt");
      Path err = Files.createTempFile("node-err", ".txt");
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("node " + script + " timed out");
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean nodeAvailable() {
    try {
      List<String> command = new ArrayList<>(List.of("node", "--version"));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
