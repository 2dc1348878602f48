package ca.idnum.bench.load;

import ca.idnum.sdk.dcql.DcqlQuery;
import ca.idnum.sdk.openid4vci.CredentialOffer;
import ca.idnum.sdk.openid4vci.IssuerMetadata;
import ca.idnum.sdk.openid4vci.OpenId4VciClient;
import ca.idnum.sdk.openid4vci.Proofs;
import ca.idnum.sdk.openid4vp.AuthorizationRequest;
import ca.idnum.sdk.openid4vp.HolderPresenter;
import ca.idnum.sdk.openid4vp.RequestObjectVerifier;
import ca.idnum.sdk.openid4vp.VerifierClient;
import ca.idnum.sdk.sdjwt.KeyBindingExpectation;
import ca.idnum.sdk.sdjwt.SdJwtHolder;
import ca.idnum.sdk.sdjwt.VerificationResult;
import ca.idnum.sdk.sdjwt.VerifierOptions;
import ca.idnum.sdk.sdjwtvc.SdJwtVcVerifier;
import ca.idnum.sdk.trust.X5cChainResolver;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A load generator against a running wallet-api's OpenID4VP verifier (demo relying body {@code
 * saq}, {@code age_over_18} of a {@code proof_of_age} credential of {@code dec}): presentations
 * verified per second through the response endpoint ({@code direct_post.jwt}: ECDH-ES decryption,
 * SD-JWT VC signature and PKIX chain, digests, key binding, status list from the cache, DCQL match,
 * single-use marker and result in the store), and in the same run the in-process floor: JWE
 * decryption plus SD-JWT VC + key binding verification of one presentation. It plays the SAG (JWK
 * set on {@code --auth-port}): run wallet-api with {@code
 * IDNUM_AUTH_ISSUER=http://127.0.0.1:<auth-port>}. Responses are prepared (transaction created,
 * request object fetched and checked, presentation built and encrypted) before the measured phase,
 * which only posts them.
 */
public final class WalletPresentationLoad {

  private WalletPresentationLoad() {}

  private record Prepared(AuthorizationRequest request, Map<String, List<String>> vpToken) {}

  private record Result(String name, double perSecond, double p50, double p99) {}

  public static void main(String[] args) throws Exception {
    String target = arg(args, "--target", "http://127.0.0.1:9001");
    int authPort = Integer.parseInt(arg(args, "--auth-port", "9099"));
    int threads = Integer.parseInt(arg(args, "--threads", "4"));
    int count = Integer.parseInt(arg(args, "--presentations", "1500"));
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
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      X509Certificate root = X509CertUtils.parse(get(http, target + "/trust/root-ca.pem"));
      ECKey holderKey = new ECKeyGenerator(Curve.P_256).generate();
      String credential = issue(http, target, authIssuer, authKey, holderKey);
      HolderPresenter.HeldCredential held =
          new HolderPresenter.HeldCredential(
              new SdJwtHolder(
                      VerifierOptions.builder(
                              new X5cChainResolver(
                                  X5cChainResolver.anchorsOf(List.of(root)), Clock.systemUTC()))
                          .build())
                  .accept(credential),
              new ECDSASigner(holderKey),
              JWSAlgorithm.ES256);
      HolderPresenter presenter =
          new HolderPresenter(
              http,
              new RequestObjectVerifier(List.of(root), Clock.systemUTC()),
              Clock.systemUTC(),
              Duration.ofSeconds(30));
      VerifierClient saq =
          new VerifierClient(http, URI.create(target), "saq", Duration.ofSeconds(30));
      String rpToken = token(authKey, authIssuer, target, "idnum:verifier:saq");
      DcqlQuery query = DcqlQuery.single("age", target + "/vct/proof_of_age", "age_over_18");

      List<Result> results = new ArrayList<>();
      results.add(floor(root, held, presenter, threads, count));
      ConcurrentLinkedQueue<Prepared> prepared = new ConcurrentLinkedQueue<>();
      long prepStart = System.nanoTime();
      parallel(
          threads,
          count,
          () -> {
            VerifierClient.Transaction tx =
                saq.create(rpToken, query, VerifierClient.Options.defaults());
            AuthorizationRequest request = presenter.resolve(tx.deepLink());
            prepared.add(
                new Prepared(
                    request, presenter.vpToken(request, presenter.match(request, List.of(held)))));
          });
      double prepRate = count / ((System.nanoTime() - prepStart) / 1e9);
      results.add(
          new Result(
              "transactions created + request objects fetched and checked + presentations built",
              prepRate,
              0,
              0));
      results.add(
          timed(
              "presentations verified through the response endpoint (direct_post.jwt)",
              threads,
              count,
              () -> {
                Prepared p = prepared.poll();
                presenter.respond(p.request(), p.vpToken());
              }));
      System.out.println();
      System.out.println("| scenario | threads | operations/s | p50 ms | p99 ms |");
      System.out.println("|---|---:|---:|---:|---:|");
      for (Result r : results) {
        System.out.printf(
            "| %s | %d | %.0f | %s | %s |%n",
            r.name,
            threads,
            r.perSecond,
            r.p50 == 0 ? "–" : String.format("%.1f", r.p50),
            r.p99 == 0 ? "–" : String.format("%.1f", r.p99));
      }
    } finally {
      jwks.stop(0);
    }
  }

  /** Decrypting the response and verifying its presentation in this process: the floor. */
  private static Result floor(
      X509Certificate root,
      HolderPresenter.HeldCredential held,
      HolderPresenter presenter,
      int threads,
      int count)
      throws Exception {
    ECKey enc = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.ENCRYPTION).keyID("e").generate();
    String clientId = "x509_hash:bench";
    AuthorizationRequest request =
        new AuthorizationRequest(
            ca.idnum.sdk.openid4vp.ClientId.parse(clientId),
            root,
            URI.create("https://verifier.example/r"),
            AuthorizationRequest.DIRECT_POST_JWT,
            "nonce-bench",
            "state",
            DcqlQuery.single("age", String.valueOf(held.held().claims().get("vct")), "age_over_18"),
            enc.toPublicJWK(),
            List.of("A128GCM"),
            Map.of(),
            Map.of(),
            Instant.now().plusSeconds(600));
    Map<String, List<String>> vp =
        presenter.vpToken(request, presenter.match(request, List.of(held)));
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("vp_token", vp);
    response.put("state", "state");
    String jwe = HolderPresenter.encrypt(request, response);
    SdJwtVcVerifier verifier =
        new SdJwtVcVerifier(
            VerifierOptions.builder(
                    new X5cChainResolver(
                        X5cChainResolver.anchorsOf(List.of(root)), Clock.systemUTC()))
                .build());
    KeyBindingExpectation kb = new KeyBindingExpectation(clientId, "nonce-bench");
    return timed(
        "floor: JWE decryption + SD-JWT VC and key binding verification (in process)",
        threads,
        count,
        () -> {
          JWEObject o = JWEObject.parse(jwe);
          o.decrypt(new ECDHDecrypter(enc));
          @SuppressWarnings("unchecked")
          Map<String, Object> token =
              (Map<String, Object>)
                  JSONObjectUtils.parse(o.getPayload().toString()).get("vp_token");
          @SuppressWarnings("unchecked")
          String p = ((List<String>) token.get("age")).get(0);
          if (!(verifier.verify(p, kb) instanceof VerificationResult.Verified)) {
            throw new IllegalStateException("floor presentation refused");
          }
        });
  }

  @FunctionalInterface
  private interface Op {
    void run() throws Exception;
  }

  private static void parallel(int threads, int count, Op op) throws Exception {
    timed("", threads, count, op);
  }

  /** Runs {@code op} {@code count} times on {@code threads} threads; rate and latencies. */
  private static Result timed(String name, int threads, int count, Op op) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicInteger left =
        new java.util.concurrent.atomic.AtomicInteger(count);
    List<Future<?>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      futures.add(
          pool.submit(
              () -> {
                while (left.getAndDecrement() > 0) {
                  long s = System.nanoTime();
                  op.run();
                  latencies.add(System.nanoTime() - s);
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    double p50 = sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1e6;
    double p99 =
        sorted.length == 0
            ? 0
            : sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6;
    return new Result(name, count / elapsed, p50, p99);
  }

  private static String token(ECKey authKey, String authIssuer, String audience, String scope)
      throws Exception {
    Instant now = Instant.now();
    return Proofs.sign(
        authKey,
        new JOSEObjectType("at+jwt"),
        new JWTClaimsSet.Builder()
            .issuer(authIssuer)
            .audience(audience)
            .subject("bench")
            .claim("scope", scope)
            .jwtID(UUID.randomUUID().toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(600)))
            .build());
  }

  private static String issue(
      HttpClient http, String target, String authIssuer, ECKey authKey, ECKey holderKey)
      throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(target + "/issuers/dec/admin/offers"))
                .header("Content-Type", "application/json")
                .header(
                    "Authorization",
                    "Bearer " + token(authKey, authIssuer, target, "idnum:issuer:dec"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"credentialConfigurationIds\":[\"proof_of_age\"],"
                            + "\"subject\":\"QC-1990-000123\",\"txCode\":false}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("offer refused: " + r.statusCode() + " " + r.body());
    }
    @SuppressWarnings("unchecked")
    CredentialOffer offer =
        CredentialOffer.parse(
            (Map<String, Object>) JSONObjectUtils.parse(r.body()).get("credentialOffer"));
    OpenId4VciClient wallet = new OpenId4VciClient(http, Clock.systemUTC(), Duration.ofSeconds(30));
    IssuerMetadata metadata = wallet.discover(offer.credentialIssuer());
    return wallet
        .credentials(
            metadata,
            wallet.preAuthorizedToken(metadata, offer, null, holderKey),
            "proof_of_age",
            List.of(holderKey))
        .get(0);
  }

  private static String get(HttpClient http, String uri) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(uri)).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
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
