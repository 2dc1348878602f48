package ca.idnum.sdk.statuslist;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a Status List Token in JWT format as a Relying Party (Token Status List draft, §5.1 and
 * §8.3 steps 3 to 5): size bound, JWS structure, {@code typ} {@code statuslist+jwt}, {@code alg} in
 * an allow-list of asymmetric algorithms, signature with the key a {@link StatusListKeyResolver}
 * returns, required claims {@code sub} and {@code iat}, {@code sub} equal to the URI the token was
 * fetched from, {@code exp} and {@code nbf} against the clock with a skew, {@code ttl} positive,
 * then {@code status_list} ({@code bits}, {@code lst}, {@code aggregation_uri}) decoded under
 * {@link StatusListLimits}. Immutable and thread-safe.
 */
public final class StatusListTokenVerifier {

  /** ES256, ES384, ES512, PS256, PS384 and PS512. */
  public static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS =
      Set.of(
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512);

  /** The default clock skew: 60 seconds. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();

  private final StatusListKeyResolver keyResolver;
  private final Set<JWSAlgorithm> allowedAlgorithms;
  private final Clock clock;
  private final Duration clockSkew;
  private final StatusListLimits limits;

  /**
   * A verifier.
   *
   * @param keyResolver finds the key of a token
   * @param allowedAlgorithms the accepted JWS algorithms; asymmetric ones only (never {@code none}
   *     nor a MAC)
   * @param clock the current time for {@code exp}, {@code nbf} and {@code iat}
   * @param clockSkew the tolerance for clock differences, not negative
   * @param limits the bounds on token length and decompressed size
   */
  public StatusListTokenVerifier(
      StatusListKeyResolver keyResolver,
      Set<JWSAlgorithm> allowedAlgorithms,
      Clock clock,
      Duration clockSkew,
      StatusListLimits limits) {
    this.keyResolver = Objects.requireNonNull(keyResolver, "keyResolver");
    this.allowedAlgorithms = Set.copyOf(allowedAlgorithms);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
    this.limits = Objects.requireNonNull(limits, "limits");
    if (this.allowedAlgorithms.isEmpty()) {
      throw new IllegalArgumentException("at least one algorithm must be allowed");
    }
    for (JWSAlgorithm alg : this.allowedAlgorithms) {
      if (JWSAlgorithm.Family.HMAC_SHA.contains(alg) || "none".equalsIgnoreCase(alg.getName())) {
        throw new IllegalArgumentException(alg + " is not an asymmetric signature algorithm");
      }
    }
    if (clockSkew.isNegative()) {
      throw new IllegalArgumentException("clockSkew must not be negative");
    }
  }

  /**
   * A verifier with {@link #DEFAULT_ALGORITHMS}, {@link #DEFAULT_CLOCK_SKEW} and default limits.
   */
  public static StatusListTokenVerifier withDefaults(
      StatusListKeyResolver keyResolver, Clock clock) {
    return new StatusListTokenVerifier(
        keyResolver, DEFAULT_ALGORITHMS, clock, DEFAULT_CLOCK_SKEW, StatusListLimits.defaults());
  }

  /**
   * Verifies a compact Status List Token fetched from {@code fetchedFrom} and decodes its list.
   *
   * @param compact the JWS Compact Serialization, as served with {@code application/statuslist+jwt}
   *     (§8.2)
   * @param fetchedFrom the URI of the Referenced Token's {@code status_list.uri}, which {@code sub}
   *     must equal (§8.3 step 4a)
   * @throws StatusListException one {@link StatusListError} saying what failed
   */
  public StatusListToken verify(String compact, URI fetchedFrom) throws StatusListException {
    Objects.requireNonNull(compact, "compact");
    Objects.requireNonNull(fetchedFrom, "fetchedFrom");
    if (compact.length() > limits.maxTokenChars()) {
      throw fail(new StatusListError.TokenTooLarge(compact.length(), limits.maxTokenChars()));
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(compact);
    } catch (ParseException e) {
      throw fail(classifyUnparseable(compact));
    }
    JWSHeader header = jwt.getHeader();
    checkType(header.getType());
    JWSAlgorithm alg = header.getAlgorithm();
    if (!allowedAlgorithms.contains(alg)) {
      throw fail(new StatusListError.AlgorithmNotAllowed(alg == null ? null : alg.getName()));
    }
    if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
      throw fail(new StatusListError.MalformedToken("critical header parameters not supported"));
    }
    verifySignature(jwt, header, fetchedFrom);

    Map<String, Object> claims;
    try {
      claims = jwt.getPayload().toJSONObject();
    } catch (RuntimeException e) {
      claims = null;
    }
    if (claims == null) {
      throw fail(new StatusListError.MalformedToken("the payload is not a JSON object"));
    }
    return readClaims(claims, fetchedFrom);
  }

  private static StatusListError classifyUnparseable(String compact) {
    int dot = compact.indexOf('.');
    if (dot > 0) {
      try {
        Header header = Header.parse(new Base64URL(compact.substring(0, dot)));
        if (header instanceof PlainHeader) {
          return new StatusListError.AlgorithmNotAllowed("none");
        }
        if (header instanceof JWEHeader) {
          return new StatusListError.MalformedToken("an encrypted JWT is not a Status List Token");
        }
      } catch (ParseException | RuntimeException e) {
        return new StatusListError.MalformedToken("the header is not a JOSE header");
      }
    }
    return new StatusListError.MalformedToken("not a JWS compact serialization");
  }

  private static void checkType(JOSEObjectType type) throws StatusListException {
    String typ = type == null ? null : type.getType();
    if (typ == null
        || !(typ.equalsIgnoreCase("statuslist+jwt")
            || typ.equalsIgnoreCase("application/statuslist+jwt"))) {
      throw fail(new StatusListError.WrongType(typ));
    }
  }

  private void verifySignature(SignedJWT jwt, JWSHeader header, URI fetchedFrom)
      throws StatusListException {
    Optional<PublicKey> key;
    try {
      key = keyResolver.resolve(header, fetchedFrom);
    } catch (RuntimeException e) {
      throw fail(new StatusListError.KeyNotResolved("the key resolver failed"));
    }
    if (key == null || key.isEmpty()) {
      throw fail(new StatusListError.KeyNotResolved("no trusted key for this token"));
    }
    JWSVerifier verifier;
    try {
      verifier = VERIFIERS.createJWSVerifier(header, key.get());
    } catch (JOSEException e) {
      throw fail(
          new StatusListError.KeyNotResolved(
              "the key does not fit the algorithm " + header.getAlgorithm().getName()));
    }
    boolean valid;
    try {
      valid = jwt.verify(verifier);
    } catch (JOSEException | RuntimeException e) {
      valid = false;
    }
    if (!valid) {
      throw fail(new StatusListError.InvalidSignature());
    }
  }

  private StatusListToken readClaims(Map<String, Object> claims, URI fetchedFrom)
      throws StatusListException {
    Instant now = clock.instant();

    Object sub = claims.get("sub");
    if (sub == null) {
      throw fail(new StatusListError.MissingClaim("sub"));
    }
    if (!(sub instanceof String subText)) {
      throw fail(new StatusListError.InvalidClaim("sub", "not a string"));
    }
    if (!subText.equals(fetchedFrom.toString())) {
      throw fail(new StatusListError.SubjectMismatch(fetchedFrom.toString(), subText));
    }
    URI subject = parseUri("sub", subText);

    Instant iat =
        readTime(claims, "iat").orElseThrow(() -> fail(new StatusListError.MissingClaim("iat")));
    if (iat.isAfter(now.plus(clockSkew))) {
      throw fail(new StatusListError.NotYetValid(iat, now));
    }
    Optional<Instant> nbf = readTime(claims, "nbf");
    if (nbf.isPresent() && nbf.get().isAfter(now.plus(clockSkew))) {
      throw fail(new StatusListError.NotYetValid(nbf.get(), now));
    }
    Optional<Instant> exp = readTime(claims, "exp");
    if (exp.isPresent() && !now.minus(clockSkew).isBefore(exp.get())) {
      throw fail(new StatusListError.Expired(exp.get(), now));
    }
    Optional<Duration> ttl = readTtl(claims.get("ttl"));

    Optional<String> iss = Optional.empty();
    Object issValue = claims.get("iss");
    if (issValue != null) {
      if (!(issValue instanceof String issText)) {
        throw fail(new StatusListError.InvalidClaim("iss", "not a string"));
      }
      iss = Optional.of(issText);
    }

    Object statusListValue = claims.get("status_list");
    if (statusListValue == null) {
      throw fail(new StatusListError.MissingClaim("status_list"));
    }
    if (!(statusListValue instanceof Map<?, ?> statusList)) {
      throw fail(new StatusListError.InvalidClaim("status_list", "not a JSON object"));
    }
    StatusBits bits = readBits(statusList.get("bits"));
    Object lst = statusList.get("lst");
    if (lst == null) {
      throw fail(new StatusListError.MissingClaim("status_list.lst"));
    }
    if (!(lst instanceof String lstText)) {
      throw fail(new StatusListError.InvalidClaim("status_list.lst", "not a string"));
    }
    Optional<URI> aggregationUri = Optional.empty();
    Object aggregation = statusList.get("aggregation_uri");
    if (aggregation != null) {
      if (!(aggregation instanceof String aggregationText)) {
        throw fail(new StatusListError.InvalidClaim("status_list.aggregation_uri", "not a string"));
      }
      aggregationUri = Optional.of(parseUri("status_list.aggregation_uri", aggregationText));
    }
    StatusList list = StatusList.fromLst(bits, lstText, limits);
    return new StatusListToken(subject, iat, exp, ttl, list, aggregationUri, iss);
  }

  static StatusBits readBits(Object value) throws StatusListException {
    if (value == null) {
      throw fail(new StatusListError.MissingClaim("status_list.bits"));
    }
    if (value instanceof Integer || value instanceof Long) {
      Optional<StatusBits> bits = StatusBits.fromBits(((Number) value).longValue());
      if (bits.isPresent()) {
        return bits.get();
      }
    }
    String shown = String.valueOf(value);
    throw fail(
        new StatusListError.InvalidBits(shown.length() > 20 ? shown.substring(0, 20) : shown));
  }

  private static Optional<Instant> readTime(Map<String, Object> claims, String name)
      throws StatusListException {
    Object value = claims.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Integer || value instanceof Long) {
      long seconds = ((Number) value).longValue();
      if (seconds >= 0 && seconds <= 253402300799L) {
        return Optional.of(Instant.ofEpochSecond(seconds));
      }
    } else if (value instanceof Double d && d >= 0 && d <= 253402300799d) {
      return Optional.of(Instant.ofEpochMilli((long) (d * 1000)));
    }
    throw fail(new StatusListError.InvalidClaim(name, "not a NumericDate"));
  }

  private static Optional<Duration> readTtl(Object value) throws StatusListException {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Integer || value instanceof Long) {
      long seconds = ((Number) value).longValue();
      if (seconds > 0) {
        return Optional.of(Duration.ofSeconds(seconds));
      }
    } else if (value instanceof Double d && d > 0 && d < 1.0e12) {
      return Optional.of(Duration.ofMillis(Math.max(1L, (long) (d * 1000))));
    }
    throw fail(new StatusListError.InvalidClaim("ttl", "not a positive number"));
  }

  private static URI parseUri(String name, String text) throws StatusListException {
    try {
      URI uri = new URI(text);
      if (!uri.isAbsolute()) {
        throw fail(new StatusListError.InvalidClaim(name, "not an absolute URI"));
      }
      return uri;
    } catch (URISyntaxException e) {
      throw fail(new StatusListError.InvalidClaim(name, "not a URI"));
    }
  }

  private static StatusListException fail(StatusListError error) {
    return new StatusListException(error);
  }
}
