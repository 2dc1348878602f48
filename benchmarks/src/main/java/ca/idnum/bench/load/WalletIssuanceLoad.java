package ca.idnum.bench.load;

import ca.idnum.sdk.openid4vci.CredentialOffer;
import ca.idnum.sdk.openid4vci.IssuerMetadata;
import ca.idnum.sdk.openid4vci.OpenId4VciClient;
import ca.idnum.sdk.openid4vci.Proofs;
import ca.idnum.sdk.openid4vci.TokenResponse;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * A closed-loop load generator against a running wallet-api: credentials issued per second through
 * the credential endpoint (DPoP and key proof verification, register lookup, SD-JWT VC signing,
 * status index allocation), with the raw ES256 sign + verify floor measured in the same run. It
 * plays the SAG for the admin API: it serves its own JWK set on {@code --auth-port}, so wallet-api
 * must run with {@code IDNUM_AUTH_ISSUER=http://127.0.0.1:<auth-port>}. Each worker redeems one
 * offer of the demo issuer {@code dec} ({@code identity}), then requests credentials ({@code
 * --batch} per request, nonce + credential) for {@code --seconds} after {@code --warmup}.
 */
public final class WalletIssuanceLoad {

  private WalletIssuanceLoad() {}

  public static void main(String[] args) throws Exception {
    String target = arg(args, "--target", "http://127.0.0.1:9001");
    int authPort = Integer.parseInt(arg(args, "--auth-port", "9099"));
    int threads = Integer.parseInt(arg(args, "--threads", "4"));
    int seconds = Integer.parseInt(arg(args, "--seconds", "20"));
    int warmup = Integer.parseInt(arg(args, "--warmup", "5"));
    int batch = Integer.parseInt(arg(args, "--batch", "1"));
    if (seconds + warmup > 240) {
      throw new IllegalArgumentException("keep warmup + seconds under the 5 min token lifetime");
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
      List<Result> results = new ArrayList<>();
      results.add(floor(threads, seconds));
      results.add(issuance(target, authIssuer, authKey, threads, seconds, warmup, batch));
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

  private record Result(String name, double perSecond, double p50, double p99) {}

  /** ES256 sign + verify of a small JWT in this process: the cryptographic floor. */
  private static Result floor(int threads, int seconds) throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    ECDSASigner signer = new ECDSASigner(key);
    ECDSAVerifier verifier = new ECDSAVerifier(key.toECPublicKey());
    return run(
        "raw ES256 sign + verify (in process)",
        threads,
        Math.min(seconds, 10),
        2,
        () -> {
          SignedJWT jwt =
              new SignedJWT(
                  new JWSHeader.Builder(JWSAlgorithm.ES256).build(),
                  new JWTClaimsSet.Builder().subject("x").issueTime(new Date()).build());
          jwt.sign(signer);
          if (!SignedJWT.parse(jwt.serialize()).verify(verifier)) {
            throw new IllegalStateException("verify failed");
          }
          return 1;
        });
  }

  private static Result issuance(
      String target,
      String authIssuer,
      ECKey authKey,
      int threads,
      int seconds,
      int warmup,
      int batch)
      throws Exception {
    OpenId4VciClient wallet =
        new OpenId4VciClient(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                Clock.systemUTC(),
                Duration.ofSeconds(30))
            // plain JSON, as the published figures were measured (encryption adds two ECDH-ES)
            .withEncryption(ca.idnum.sdk.openid4vci.Encryption.OFF);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<Session> sessions = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      sessions.add(session(wallet, http, target, authIssuer, authKey, batch));
    }
    int[] next = {0};
    ThreadLocal<Session> mine =
        ThreadLocal.withInitial(
            () -> {
              synchronized (next) {
                return sessions.get(next[0]++);
              }
            });
    return run(
        "credentials issued through the credential endpoint (batch " + batch + ")",
        threads,
        seconds,
        warmup,
        () -> {
          Session s = mine.get();
          return wallet.credentials(s.metadata, s.token, "identity", s.keys).size();
        });
  }

  private record Session(IssuerMetadata metadata, TokenResponse token, List<ECKey> keys) {}

  private static Session session(
      OpenId4VciClient wallet,
      HttpClient http,
      String target,
      String authIssuer,
      ECKey authKey,
      int batch)
      throws Exception {
    Instant now = Instant.now();
    String admin =
        Proofs.sign(
            authKey,
            new JOSEObjectType("at+jwt"),
            new JWTClaimsSet.Builder()
                .issuer(authIssuer)
                .audience(target)
                .subject("bench")
                .claim("scope", "idnum:issuer:dec")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .build());
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(target + "/issuers/dec/admin/offers"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + admin)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"credentialConfigurationIds\":[\"identity\"],"
                            + "\"subject\":\"QC-1990-000123\",\"txCode\":false}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("offer refused: " + r.statusCode() + " " + r.body());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> offerJson =
        (Map<String, Object>) JSONObjectUtils.parse(r.body()).get("credentialOffer");
    CredentialOffer offer = CredentialOffer.parse(offerJson);
    IssuerMetadata metadata = wallet.discover(offer.credentialIssuer());
    TokenResponse token =
        wallet.preAuthorizedToken(
            metadata, offer, null, new ECKeyGenerator(Curve.P_256).generate());
    List<ECKey> keys = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      keys.add(new ECKeyGenerator(Curve.P_256).generate());
    }
    return new Session(metadata, token, keys);
  }

  @FunctionalInterface
  private interface Operation {
    int run() throws Exception;
  }

  private static Result run(String name, int threads, int seconds, int warmup, Operation op)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicBoolean measuring = new AtomicBoolean(false);
    AtomicBoolean stop = new AtomicBoolean(false);
    List<Future<long[]>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(
          pool.submit(
              () -> {
                long count = 0;
                List<Long> latencies = new ArrayList<>();
                while (!stop.get()) {
                  long start = System.nanoTime();
                  int n = op.run();
                  if (measuring.get()) {
                    count += n;
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
