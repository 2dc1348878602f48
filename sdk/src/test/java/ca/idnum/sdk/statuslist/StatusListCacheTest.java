package ca.idnum.sdk.statuslist;

import static ca.idnum.sdk.statuslist.StatusListAssertions.refused;
import static ca.idnum.sdk.statuslist.StatusListFixtures.URI_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StatusListCacheTest {

  private static final Instant START = Instant.parse("2026-11-23T15:00:00Z");
  private static final URI URI = java.net.URI.create(URI_1);
  private static final StatusListReference REF = new StatusListReference(3, URI);

  private final StatusListFixtures.MutableClock clock = new StatusListFixtures.MutableClock(START);
  private final ECKey key = StatusListFixtures.newEcKey("k1");
  private final StatusListTokenVerifier verifier =
      StatusListTokenVerifier.withDefaults(
          StatusListKeyResolver.jwkSet(new JWKSet(key.toPublicJWK())), clock);
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicReference<String> served = new AtomicReference<>();
  private final StatusListFetcher fetcher =
      uri -> {
        fetches.incrementAndGet();
        return served.get();
      };

  @Test
  void whenTheTtlHasNotElapsedThenTheCachedListIsUsedWithoutFetching() throws Exception {
    serve(TokenStatus.VALID, Duration.ofHours(1), Duration.ofMinutes(10));
    StatusListCache cache = cache(StatusListCachePolicy.defaults());

    assertThat(cache.status(REF)).isEqualTo(TokenStatus.VALID);
    serve(TokenStatus.INVALID, Duration.ofHours(1), Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(9));

    assertThat(cache.status(REF)).isEqualTo(TokenStatus.VALID);
    assertThat(fetches).hasValue(1);
  }

  @Test
  void whenTheTtlHasElapsedThenAFreshListIsFetched() throws Exception {
    serve(TokenStatus.VALID, Duration.ofHours(1), Duration.ofMinutes(10));
    StatusListCache cache = cache(StatusListCachePolicy.defaults());
    cache.status(REF);
    serve(TokenStatus.INVALID, Duration.ofHours(1), Duration.ofMinutes(10));

    clock.advance(Duration.ofMinutes(10));

    assertThat(cache.status(REF)).isEqualTo(TokenStatus.INVALID);
    assertThat(fetches).hasValue(2);
  }

  @Test
  void whenExpComesBeforeTheTtlThenTheListIsRefetchedAtExp() throws Exception {
    serve(TokenStatus.VALID, Duration.ofMinutes(2), Duration.ofHours(1));
    StatusListCache cache = cache(StatusListCachePolicy.defaults());
    cache.status(REF);
    serve(TokenStatus.SUSPENDED, Duration.ofHours(1), Duration.ofHours(1));

    clock.advance(Duration.ofMinutes(2));

    assertThat(cache.status(REF)).isEqualTo(TokenStatus.SUSPENDED);
    assertThat(fetches).hasValue(2);
  }

  @Test
  void whenTheProviderStillServesAnExpiredTokenThenExpiredIsReported() throws Exception {
    serve(TokenStatus.VALID, Duration.ofMinutes(2), Duration.ofHours(1));
    StatusListCache cache = cache(StatusListCachePolicy.defaults());
    cache.status(REF);

    clock.advance(Duration.ofMinutes(5));

    assertThat(refused(() -> cache.status(REF))).isInstanceOf(StatusListError.Expired.class);
  }

  @Test
  void whenTheTtlIsBelowThePolicyMinimumThenTheMinimumIsUsed() throws Exception {
    serve(TokenStatus.VALID, Duration.ofHours(1), Duration.ofSeconds(1));
    StatusListCache cache =
        cache(
            new StatusListCachePolicy(
                Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1), 10));
    cache.status(REF);

    clock.advance(Duration.ofSeconds(29));
    cache.status(REF);
    assertThat(fetches).hasValue(1);

    clock.advance(Duration.ofSeconds(1));
    cache.status(REF);
    assertThat(fetches).hasValue(2);
  }

  @Test
  void whenTheTtlIsAboveThePolicyMaximumThenTheMaximumIsUsed() throws Exception {
    serve(TokenStatus.VALID, Duration.ofDays(30), Duration.ofDays(7));
    StatusListCache cache =
        cache(
            new StatusListCachePolicy(
                Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1), 10));
    cache.status(REF);

    clock.advance(Duration.ofHours(1));
    cache.status(REF);

    assertThat(fetches).hasValue(2);
  }

  @Test
  void whenTheTokenHasNoTtlThenThePolicyDefaultIsUsed() throws Exception {
    served.set(
        issuer()
            .sign(
                StatusListToken.of(URI, START, list(TokenStatus.VALID))
                    .withExpiresAt(START.plus(Duration.ofDays(1)))));
    StatusListCache cache = cache(StatusListCachePolicy.defaults());
    cache.status(REF);

    clock.advance(Duration.ofMinutes(4));
    cache.status(REF);
    assertThat(fetches).hasValue(1);
    clock.advance(Duration.ofMinutes(1));
    cache.status(REF);
    assertThat(fetches).hasValue(2);
  }

  @Test
  void whenTheFetchFailsThenFetchFailedIsReportedAndNothingIsCached() {
    StatusListCache cache =
        new StatusListCache(
            uri -> {
              throw new IOException("connection refused to 10.0.0.1");
            },
            verifier,
            clock,
            StatusListCachePolicy.defaults());

    StatusListError error = refused(() -> cache.status(REF));

    assertThat(error).isEqualTo(new StatusListError.FetchFailed(URI_1, "IOException"));
    assertThat(error.description()).doesNotContain("10.0.0.1");
  }

  @Test
  void whenTheServedTokenIsForAnotherUriThenSubjectMismatchIsReported() throws Exception {
    serve(TokenStatus.VALID, Duration.ofHours(1), Duration.ofMinutes(10));
    StatusListCache cache = cache(StatusListCachePolicy.defaults());
    URI other = java.net.URI.create("https://status.example.gouv.qc.ca/statuslists/2");

    assertThat(refused(() -> cache.status(new StatusListReference(3, other))))
        .isInstanceOf(StatusListError.SubjectMismatch.class);
  }

  @Test
  void whenInvalidatedThenTheNextLookupFetchesAgain() throws Exception {
    serve(TokenStatus.VALID, Duration.ofHours(1), Duration.ofMinutes(10));
    StatusListCache cache = cache(StatusListCachePolicy.defaults());
    cache.status(REF);
    serve(TokenStatus.INVALID, Duration.ofHours(1), Duration.ofMinutes(10));

    cache.invalidate(URI);

    assertThat(cache.status(REF)).isEqualTo(TokenStatus.INVALID);
  }

  @Test
  void whenManyThreadsAskAtOnceThenTheListIsFetchedOnce() throws Exception {
    serve(TokenStatus.VALID, Duration.ofHours(1), Duration.ofMinutes(10));
    CountDownLatch release = new CountDownLatch(1);
    StatusListCache cache =
        new StatusListCache(
            uri -> {
              try {
                release.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
              }
              return fetcher.fetch(uri);
            },
            verifier,
            clock,
            StatusListCachePolicy.defaults());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<TokenStatus>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> cache.status(REF)));
      }
      release.countDown();
      for (Future<TokenStatus> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(TokenStatus.VALID);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fetches).hasValue(1);
  }

  @Test
  void whenMoreListsThanTheLimitAreCachedThenTheCacheStaysBounded() throws Exception {
    StatusListCache cache =
        new StatusListCache(
            uri -> {
              try {
                return issuer()
                    .sign(
                        StatusListToken.of(uri, clock.instant(), list(TokenStatus.VALID))
                            .withTimeToLive(Duration.ofHours(1)));
              } catch (com.nimbusds.jose.JOSEException e) {
                throw new IOException(e);
              }
            },
            verifier,
            clock,
            new StatusListCachePolicy(
                Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1), 3));

    for (int i = 0; i < 10; i++) {
      cache.status(
          new StatusListReference(
              1, java.net.URI.create("https://status.example.gouv.qc.ca/statuslists/" + i)));
    }

    assertThat(cache.size()).isLessThanOrEqualTo(3);
  }

  private StatusListCache cache(StatusListCachePolicy policy) {
    return new StatusListCache(fetcher, verifier, clock, policy);
  }

  private void serve(TokenStatus statusOfIndex3, Duration validity, Duration ttl) throws Exception {
    Instant now = clock.instant();
    served.set(
        issuer()
            .sign(
                StatusListToken.of(URI, now, list(statusOfIndex3))
                    .withExpiresAt(now.plus(validity))
                    .withTimeToLive(ttl)));
  }

  private StatusListTokenIssuer issuer() {
    try {
      return new StatusListTokenIssuer(
          new ECDSASigner(key), JWSAlgorithm.ES256, SignerKeyReference.kid("k1"), clock);
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static StatusList list(TokenStatus statusOfIndex3) {
    return new StatusListBuilder(StatusBits.TWO, 16).set(3, statusOfIndex3).build();
  }
}
