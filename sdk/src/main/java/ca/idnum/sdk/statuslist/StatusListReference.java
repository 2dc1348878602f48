package ca.idnum.sdk.statuslist;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code status.status_list} member of a Referenced Token in JOSE (Token Status List draft,
 * §6.1 and §6.2): the index {@code idx} of the token's entry and the {@code uri} of the Status List
 * Token holding it.
 *
 * @param index the non-negative {@code idx}
 * @param uri the absolute {@code uri} of the Status List Token, compared with its {@code sub} by
 *     simple string comparison
 */
public record StatusListReference(long index, URI uri) {

  /** Validates {@code idx} is non-negative and {@code uri} absolute. */
  public StatusListReference {
    if (index < 0) {
      throw new IllegalArgumentException("idx must not be negative");
    }
    Objects.requireNonNull(uri, "uri");
    if (!uri.isAbsolute()) {
      throw new IllegalArgumentException("uri must be an absolute URI");
    }
  }

  /**
   * Reads the reference from the claims of a Referenced Token (the {@code status} claim and its
   * {@code status_list} member, §8.3 step 1), as parsed by Nimbus ({@code
   * JWTClaimsSet#getClaims()}) or any JSON library mapping objects to {@link Map}.
   *
   * @throws StatusListException {@link StatusListError.MalformedReference} when the claim is absent
   *     or does not follow §6.2
   */
  public static StatusListReference fromClaims(Map<String, ?> claims) throws StatusListException {
    Objects.requireNonNull(claims, "claims");
    if (!claims.containsKey("status")) {
      throw malformed("the token has no 'status' claim");
    }
    return fromStatusClaim(claims.get("status"));
  }

  /**
   * Reads the reference from the value of a {@code status} claim: a JSON object with a {@code
   * status_list} member (§6.2). Other status mechanisms beside {@code status_list} are ignored.
   *
   * @throws StatusListException {@link StatusListError.MalformedReference} when it does not follow
   *     §6.2
   */
  public static StatusListReference fromStatusClaim(Object status) throws StatusListException {
    if (!(status instanceof Map<?, ?> statusObject)) {
      throw malformed("'status' is not a JSON object");
    }
    Object statusList = statusObject.get("status_list");
    if (statusList == null) {
      throw malformed("'status' has no 'status_list' member");
    }
    if (!(statusList instanceof Map<?, ?> listObject)) {
      throw malformed("'status_list' is not a JSON object");
    }
    long idx = readIndex(listObject.get("idx"));
    Object uriValue = listObject.get("uri");
    if (uriValue == null) {
      throw malformed("'status_list' has no 'uri' member");
    }
    if (!(uriValue instanceof String uriText)) {
      throw malformed("'uri' is not a string");
    }
    URI uri;
    try {
      uri = new URI(uriText);
    } catch (URISyntaxException e) {
      throw malformed("'uri' is not a URI");
    }
    if (!uri.isAbsolute()) {
      throw malformed("'uri' is not an absolute URI");
    }
    return new StatusListReference(idx, uri);
  }

  private static long readIndex(Object value) throws StatusListException {
    if (value == null) {
      throw malformed("'status_list' has no 'idx' member");
    }
    long idx;
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      idx = ((Number) value).longValue();
    } else if (value instanceof BigInteger big) {
      if (big.bitLength() > 63) {
        throw malformed("'idx' is too large");
      }
      idx = big.longValue();
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!(d == Math.rint(d)) || Double.isInfinite(d) || Math.abs(d) > 9.007199254740991E15) {
        throw malformed("'idx' is not an integer");
      }
      idx = (long) d;
    } else {
      throw malformed("'idx' is not an integer");
    }
    if (idx < 0) {
      throw malformed("'idx' is negative");
    }
    return idx;
  }

  /**
   * The value of the {@code status} claim an Issuer puts in a Referenced Token: {@code
   * {"status_list": {"idx": ..., "uri": "..."}}} (§6.2).
   */
  public Map<String, Object> toStatusClaim() {
    Map<String, Object> statusList = new LinkedHashMap<>();
    statusList.put("idx", index);
    statusList.put("uri", uri.toString());
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("status_list", statusList);
    return status;
  }

  private static StatusListException malformed(String reason) {
    return new StatusListException(new StatusListError.MalformedReference(reason));
  }
}
