package ca.idnum.sdk.statuslist;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The content of a Status List Token in JWT format (Token Status List draft, §5.1): its {@code sub}
 * (the URI it is served at), {@code iat}, optional {@code exp} and {@code ttl}, the Status List of
 * the {@code status_list} claim (§4.2) with its optional {@code aggregation_uri} (§9.2), and the
 * optional {@code iss}. A verified one comes from {@link StatusListTokenVerifier}; an Issuer signs
 * one with {@link StatusListTokenIssuer}.
 *
 * @param subject the {@code sub} claim: the URI of this Status List Token
 * @param issuedAt the {@code iat} claim
 * @param expiresAt the {@code exp} claim, when present
 * @param timeToLive the {@code ttl} claim, when present (positive)
 * @param statusList the Status List of the {@code status_list} claim
 * @param aggregationUri the {@code aggregation_uri} member of {@code status_list}, when present
 * @param issuer the {@code iss} claim, when present
 */
public record StatusListToken(
    URI subject,
    Instant issuedAt,
    Optional<Instant> expiresAt,
    Optional<Duration> timeToLive,
    StatusList statusList,
    Optional<URI> aggregationUri,
    Optional<String> issuer) {

  /** Validates required members and that {@code ttl} is positive. */
  public StatusListToken {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(timeToLive, "timeToLive");
    Objects.requireNonNull(statusList, "statusList");
    Objects.requireNonNull(aggregationUri, "aggregationUri");
    Objects.requireNonNull(issuer, "issuer");
    if (!subject.isAbsolute()) {
      throw new IllegalArgumentException("sub must be an absolute URI");
    }
    timeToLive.ifPresent(
        ttl -> {
          if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
          }
        });
  }

  /** A token with the required claims only: {@code sub}, {@code iat} and the Status List. */
  public static StatusListToken of(URI subject, Instant issuedAt, StatusList statusList) {
    return new StatusListToken(
        subject,
        issuedAt,
        Optional.empty(),
        Optional.empty(),
        statusList,
        Optional.empty(),
        Optional.empty());
  }

  /** A copy with {@code exp}. */
  public StatusListToken withExpiresAt(Instant exp) {
    return new StatusListToken(
        subject, issuedAt, Optional.of(exp), timeToLive, statusList, aggregationUri, issuer);
  }

  /** A copy with {@code ttl}. */
  public StatusListToken withTimeToLive(Duration ttl) {
    return new StatusListToken(
        subject, issuedAt, expiresAt, Optional.of(ttl), statusList, aggregationUri, issuer);
  }

  /** A copy with {@code aggregation_uri}. */
  public StatusListToken withAggregationUri(URI uri) {
    return new StatusListToken(
        subject, issuedAt, expiresAt, timeToLive, statusList, Optional.of(uri), issuer);
  }

  /** A copy with {@code iss}. */
  public StatusListToken withIssuer(String iss) {
    return new StatusListToken(
        subject, issuedAt, expiresAt, timeToLive, statusList, aggregationUri, Optional.of(iss));
  }

  /**
   * The status of the entry a Referenced Token points at (§8.3 steps 4a, 6 and 7).
   *
   * @throws StatusListException {@link StatusListError.SubjectMismatch} when the reference names
   *     another Status List Token, {@link StatusListError.IndexOutOfRange} when its index is
   *     outside the list
   */
  public TokenStatus statusOf(StatusListReference reference) throws StatusListException {
    Objects.requireNonNull(reference, "reference");
    if (!reference.uri().toString().equals(subject.toString())) {
      throw new StatusListException(
          new StatusListError.SubjectMismatch(reference.uri().toString(), subject.toString()));
    }
    return statusList.status(reference.index());
  }
}
