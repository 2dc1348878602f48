package ca.idnum.bench.load;

import ca.idnum.sdk.openid4vci.Proofs;
import ca.idnum.sdk.openid4vci.TokenResponse;
import ca.idnum.sdk.wallet.WalletStorageClient;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A closed-loop load generator against a running wallet-api's wallet storage API: credentials
 * stored per second ({@code POST /wallet/credentials}: token signature, DPoP proof with its replay
 * check, device and holder-key lookups, data key unwrap, two AES-256-GCM encryptions, quota check
 * under a row lock, insert, history event) and lists per second ({@code GET /wallet/credentials} of
 * a wallet holding {@code --stored} credentials: one decryption per credential), with p50 and p99.
 * It plays the SAG: it serves its own JWK set on {@code --auth-port} and signs DPoP-bound access
 * tokens with the scope {@code idnum:wallet}, so wallet-api must run with {@code
 * IDNUM_AUTH_ISSUER=http://127.0.0.1:<auth-port>}. Each worker is its own citizen with its own
 * device; the credentials are SD-JWT VCs of about {@code --size} bytes bound to the device's holder
 * key.
 */
public final class WalletStorageLoad {

  private WalletStorageLoad() {}

  public static void main(String[] args) throws Exception {
    String target = arg(args, "--target", "http://127.0.0.1:9001");
    int authPort = Integer.parseInt(arg(args, "--auth-port", "9099"));
    int threads = Integer.parseInt(arg(args, "--threads", "4"));
    int seconds = Integer.parseInt(arg(args, "--seconds", "20"));
    int warmup = Integer.parseInt(arg(args, "--warmup", "5"));
    int stored = Integer.parseInt(arg(args, "--stored", "20"));
    int size = Integer.parseInt(arg(args, "--size", "2500"));
    if (2 * (seconds + warmup) > 500) {
      throw new IllegalArgumentException("keep 2 x (warmup + seconds) under the token lifetime");
    }
    ECKey authKey = new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
    String authIssuer = "http://127.0.0.1:" + authPort;
    HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", authPort), 0);
    byte[] set = new JWKSet(authKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwks.createContext(
        "/oauth2/jwks",
        ex -> {
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, set.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(set);
          }
        });
    jwks.start();
    try {
      WalletStorageClient client =
          new WalletStorageClient(
              HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
              target,
              Clock.systemUTC(),
              Duration.ofSeconds(30));
      ECKey issuerKey = new ECKeyGenerator(Curve.P_256).generate();
      List<Wallet> storing = new ArrayList<>();
      List<Wallet> listing = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        storing.add(wallet(client, target, authIssuer, authKey, issuerKey, size));
        Wallet w = wallet(client, target, authIssuer, authKey, issuerKey, size);
        for (int j = 0; j < stored; j++) {
          client.store(w.token, w.credential);
        }
        listing.add(w);
      }
      List<Result> results = new ArrayList<>();
      results.add(floor(threads, seconds));
      results.add(
          run(
              "store a credential (~" + size + " bytes)",
              threads,
              seconds,
              warmup,
              t -> {
                Wallet w = storing.get(t);
                client.store(w.token, w.credential);
              }));
      results.add(
          run(
              "list a wallet of " + stored + " credentials",
              threads,
              seconds,
              warmup,
              t -> {
                Wallet w = listing.get(t);
                client.list(w.token);
              }));
      System.out.println();
      System.out.println("| scenario | threads | operations/s | p50 ms | p99 ms |");
      System.out.println("|---|---:|---:|---:|---:|");
      for (Result r : results) {
        System.out.printf(
            "| %s | %d | %.0f | %.1f | %.1f |%n", r.name, threads, r.perSecond, r.p50, r.p99);
      }
    } finally {
      jwks.stop(0);
    }
  }

  private record Wallet(TokenResponse token, String credential) {}

  /** A new citizen with a registered device and one holder key, and a credential bound to it. */
  private static Wallet wallet(
      WalletStorageClient client,
      String target,
      String authIssuer,
      ECKey authKey,
      ECKey issuerKey,
      int size)
      throws Exception {
    ECKey dpopKey = new ECKeyGenerator(Curve.P_256).generate();
    ECKey holderKey = new ECKeyGenerator(Curve.P_256).generate();
    Instant now = Instant.now();
    String accessToken =
        Proofs.sign(
            authKey,
            new JOSEObjectType("at+jwt"),
            new JWTClaimsSet.Builder()
                .issuer(authIssuer)
                .audience(target + "/wallet")
                .subject("bench-" + UUID.randomUUID())
                .claim("client_id", "idnum-wallet")
                .claim("scope", "openid idnum:wallet")
                .claim("cnf", Map.of("jkt", dpopKey.computeThumbprint().toString()))
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .build());
    TokenResponse token = new TokenResponse(accessToken, "DPoP", 600, dpopKey);
    client.registerDevice(token, "bench", List.of(holderKey));
    String jwt =
        Proofs.sign(
            issuerKey,
            new JOSEObjectType("dc+sd-jwt"),
            new JWTClaimsSet.Builder()
                .issuer(target + "/issuers/dec")
                .claim("vct", target + "/vct/identity")
                .claim("_sd_alg", "sha-256")
                .claim("_sd", List.of("x".repeat(Math.max(0, size - 900))))
                .claim("cnf", Map.of("jwk", holderKey.toPublicJWK().toJSONObject()))
                .claim(
                    "status",
                    Map.of("status_list", Map.of("idx", 1, "uri", target + "/status-lists/1")))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofDays(365))))
                .build());
    return new Wallet(token, jwt + "~");
  }

  private record Result(String name, double perSecond, double p50, double p99) {}

  /**
   * ES256 sign + 2 verifies of a small JWT in this process: the signature work of one call (the
   * app's DPoP proof; the server's access token and proof checks), without HTTP or storage.
   */
  private static Result floor(int threads, int seconds) throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    com.nimbusds.jose.crypto.ECDSASigner signer = new com.nimbusds.jose.crypto.ECDSASigner(key);
    com.nimbusds.jose.crypto.ECDSAVerifier verifier =
        new com.nimbusds.jose.crypto.ECDSAVerifier(key.toECPublicKey());
    return run(
        "raw ES256 sign + 2 verify (in process)",
        threads,
        Math.min(seconds, 10),
        2,
        t -> {
          com.nimbusds.jwt.SignedJWT jwt =
              new com.nimbusds.jwt.SignedJWT(
                  new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.ES256)
                      .build(),
                  new JWTClaimsSet.Builder().subject("x").issueTime(new Date()).build());
          jwt.sign(signer);
          com.nimbusds.jwt.SignedJWT parsed = com.nimbusds.jwt.SignedJWT.parse(jwt.serialize());
          if (!parsed.verify(verifier) || !parsed.verify(verifier)) {
            throw new IllegalStateException("verify failed");
          }
        });
  }

  @FunctionalInterface
  private interface Operation {
    void run(int thread) throws Exception;
  }

  private static Result run(String name, int threads, int seconds, int warmup, Operation op)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicBoolean measuring = new AtomicBoolean(false);
    AtomicBoolean stop = new AtomicBoolean(false);
    List<Future<long[]>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                long count = 0;
                List<Long> latencies = new ArrayList<>();
                while (!stop.get()) {
                  long start = System.nanoTime();
                  op.run(thread);
                  if (measuring.get()) {
                    count++;
                    latencies.add(System.nanoTime() - start);
                  }
                }
                long[] out = new long[latencies.size() + 1];
                out[0] = count;
                for (int i = 0; i < latencies.size(); i++) {
                  out[i + 1] = latencies.get(i);
                }
                return out;
              }));
    }
    Thread.sleep(warmup * 1000L);
    measuring.set(true);
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    measuring.set(false);
    double elapsed = (System.nanoTime() - start) / 1e9;
    stop.set(true);
    long total = 0;
    List<Long> all = new ArrayList<>();
    for (Future<long[]> f : futures) {
      long[] r = f.get();
      total += r[0];
      for (int i = 1; i < r.length; i++) {
        all.add(r[i]);
      }
    }
    pool.shutdown();
    long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    double p50 = sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1e6;
    double p99 =
        sorted.length == 0
            ? 0
            : sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6;
    return new Result(name, total / elapsed, p50, p99);
  }

  private static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
