package ca.idnum.benchmarks;

import ca.idnum.sdk.statuslist.SignerKeyReference;
import ca.idnum.sdk.statuslist.StatusBits;
import ca.idnum.sdk.statuslist.StatusList;
import ca.idnum.sdk.statuslist.StatusListBuilder;
import ca.idnum.sdk.statuslist.StatusListException;
import ca.idnum.sdk.statuslist.StatusListKeyResolver;
import ca.idnum.sdk.statuslist.StatusListLimits;
import ca.idnum.sdk.statuslist.StatusListToken;
import ca.idnum.sdk.statuslist.StatusListTokenIssuer;
import ca.idnum.sdk.statuslist.StatusListTokenVerifier;
import ca.idnum.sdk.statuslist.TokenStatus;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Token Status List (draft-ietf-oauth-status-list-21) with 1,000,000 one-bit entries and a given
 * share of revoked entries at random indices: building and compressing the list (the Status
 * Issuer's work per update), decoding it and looking an index up (the Relying Party's work per
 * fetch), the full verification of a signed Status List Token, and a lookup in an already decoded
 * list (per Referenced Token once cached).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StatusListBenchmark {

  static final int SIZE = 1_000_000;
  static final URI URI = java.net.URI.create("https://status.example.gouv.qc.ca/statuslists/1");

  /** Percentage of entries set to INVALID. */
  @Param({"1", "10"})
  public int revokedPercent;

  int[] revoked;
  String lst;
  StatusList decoded;
  String token;
  StatusListTokenVerifier verifier;
  private int next;
  private int[] probes;

  @Setup
  public void setUp() throws JOSEException {
    Random random = new Random(2026);
    int count = SIZE / 100 * revokedPercent;
    revoked = random.ints(0, SIZE).distinct().limit(count).toArray();
    StatusList list = build(revoked);
    lst = list.toLst();
    decoded = list;
    probes = random.ints(1024, 0, SIZE).toArray();
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
    Clock clock = Clock.systemUTC();
    token =
        new StatusListTokenIssuer(
                new ECDSASigner(key), JWSAlgorithm.ES256, SignerKeyReference.kid("bench"), clock)
            .issue(URI, list, Duration.ofDays(1), Duration.ofMinutes(10));
    verifier =
        StatusListTokenVerifier.withDefaults(
            StatusListKeyResolver.fixed(key.toECPublicKey()), clock);
  }

  static StatusList build(int[] revoked) {
    StatusListBuilder builder = new StatusListBuilder(StatusBits.ONE, SIZE);
    for (int index : revoked) {
      builder.set(index, TokenStatus.INVALID);
    }
    return builder.build();
  }

  private int nextProbe() {
    next = (next + 1) & (probes.length - 1);
    return probes[next];
  }

  /** Status Issuer: set the revoked entries of a fresh list, ZLIB level 9, base64url. */
  @Benchmark
  public String encodeAndCompress() {
    return build(revoked).toLst();
  }

  /** Relying Party: base64url-decode and inflate {@code lst}, then look one index up. */
  @Benchmark
  public int decodeAndLookup() throws StatusListException {
    return StatusList.fromLst(StatusBits.ONE, lst, StatusListLimits.defaults())
        .statusValue(nextProbe());
  }

  /** Relying Party: verify the signed Status List Token (ES256) and decode its list. */
  @Benchmark
  public StatusListToken verifyToken() throws StatusListException {
    return verifier.verify(token, URI);
  }

  /** Relying Party with the list cached: one lookup. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public int lookupInDecodedList() throws StatusListException {
    return decoded.statusValue(nextProbe());
  }
}
