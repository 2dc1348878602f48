package ca.idnum.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One of the platform's runnable jars started as a separate process, in its own empty working
 * folder (so on the embedded default, as a newcomer would), on a free loopback port.
 */
final class RunningServer implements AutoCloseable {

  private final Process process;
  private final Path folder;
  private final int port;

  private RunningServer(Process process, Path folder, int port) {
    this.process = process;
    this.folder = folder;
    this.port = port;
  }

  /** Starts {@code module}'s runnable jar and waits until {@code readyPath} answers 2xx. */
  static RunningServer start(
      String module, String readyPath, Map<String, String> env, String... extraArgs)
      throws IOException, InterruptedException {
    return startOnPort(module, readyPath, freePort(), env, extraArgs);
  }

  /** As {@link #start}, on a given port (chosen beforehand with {@link #freePort()}). */
  static RunningServer startOnPort(
      String module, String readyPath, int port, Map<String, String> env, String... extraArgs)
      throws IOException, InterruptedException {
    Path jar = runnableJar(module);
    Path folder = Files.createTempDirectory("idnum-e2e-");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-jar");
    command.add(jar.toString());
    command.add("--server.port=" + port);
    command.addAll(List.of(extraArgs));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("server.log").toFile());
    builder.environment().putAll(env);
    RunningServer server = new RunningServer(builder.start(), folder, port);
    try {
      server.awaitReady(readyPath, Duration.ofSeconds(180));
    } catch (IOException | InterruptedException | RuntimeException notReady) {
      server.close(); // never leave a half-started server running after the test
      throw notReady;
    }
    return server;
  }

  int port() {
    return port;
  }

  /** The server's console output (the embedded default writes e-mails there). */
  Path logFile() {
    return folder.resolve("server.log");
  }

  String log() throws IOException {
    return Files.readString(folder.resolve("server.log"));
  }

  private void awaitReady(String path, Duration timeout) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited early:\n" + tail());
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 == 2) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("server not ready in " + timeout + ":\n" + tail());
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(folder.resolve("server.log"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static Path repoRoot() {
    String root = System.getenv("IDNUM_REPO_ROOT");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  private static Path runnableJar(String module) throws IOException {
    Path target = repoRoot().resolve(module).resolve("target");
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".jar"))
          .filter(p -> !p.getFileName().toString().contains("-tests"))
          .filter(p -> !p.getFileName().toString().contains("-sources"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no runnable jar in " + target));
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
