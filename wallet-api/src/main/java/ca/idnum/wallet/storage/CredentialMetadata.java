package ca.idnum.wallet.storage;

import ca.idnum.sdk.sdjwt.SdJwt;
import ca.idnum.sdk.sdjwt.SdJwtException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the wallet API keeps in the clear of a stored credential, for listing: never a claim value.
 *
 * @param format the credential format ({@code dc+sd-jwt})
 * @param vct the SD-JWT VC type
 * @param issuer the issuer identifier ({@code iss})
 * @param issuedAt {@code iat}, or {@code null}
 * @param expiresAt {@code exp}, or {@code null}
 * @param statusListUri the Token Status List URI ({@code status.status_list.uri}), or {@code null}
 * @param statusListIndex its {@code idx}, or {@code -1}
 * @param holderKeyThumbprint RFC 7638 thumbprint of the {@code cnf.jwk} it is bound to
 */
public record CredentialMetadata(
    String format,
    String vct,
    String issuer,
    Instant issuedAt,
    Instant expiresAt,
    String statusListUri,
    long statusListIndex,
    String holderKeyThumbprint) {

  /** The SD-JWT VC format identifier. */
  public static final String SD_JWT_VC = "dc+sd-jwt";

  /** Validates. */
  public CredentialMetadata {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(vct, "vct");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(holderKeyThumbprint, "holderKeyThumbprint");
  }

  /**
   * Reads the metadata of an SD-JWT VC (without verifying it: the wallet stores what it holds; a
   * verifier verifies it when it is presented).
   *
   * @throws StorageException {@code invalid_credential} if it is not an SD-JWT VC bound to a key
   */
  public static CredentialMetadata ofSdJwtVc(String serialized) {
    JWTClaimsSet claims;
    try {
      SignedJWT jwt = SignedJWT.parse(SdJwt.parse(serialized).issuerSignedJwt());
      String typ = jwt.getHeader().getType() == null ? null : jwt.getHeader().getType().getType();
      if (!SD_JWT_VC.equals(typ) && !"vc+sd-jwt".equals(typ)) {
        throw invalid("the credential is not an SD-JWT VC (typ dc+sd-jwt)");
      }
      claims = jwt.getJWTClaimsSet();
    } catch (SdJwtException | ParseException e) {
      throw invalid("the credential is not an SD-JWT VC");
    }
    String vct = string(claims, "vct");
    String iss = claims.getIssuer();
    if (vct == null || iss == null || vct.length() > 500 || iss.length() > 500) {
      throw invalid("the credential has no vct or iss");
    }
    String thumbprint;
    try {
      if (!(claims.getClaim("cnf") instanceof Map<?, ?> cnf)
          || !(cnf.get("jwk") instanceof Map<?, ?> jwk)) {
        throw invalid("the credential is not bound to a holder key (cnf.jwk)");
      }
      @SuppressWarnings("unchecked")
      JWK key = JWK.parse((Map<String, Object>) jwk);
      if (key.isPrivate()) {
        throw invalid("the credential's cnf.jwk is not a public key");
      }
      thumbprint = key.computeThumbprint().toString();
    } catch (ParseException | JOSEException | ClassCastException e) {
      throw invalid("the credential's cnf.jwk is not a usable key");
    }
    String statusUri = null;
    long statusIdx = -1;
    if (claims.getClaim("status") instanceof Map<?, ?> status
        && status.get("status_list") instanceof Map<?, ?> list
        && list.get("uri") instanceof String uri
        && list.get("idx") instanceof Number idx) {
      statusUri = uri;
      statusIdx = idx.longValue();
    }
    return new CredentialMetadata(
        SD_JWT_VC,
        vct,
        iss,
        instant(claims.getIssueTime()),
        instant(claims.getExpirationTime()),
        statusUri,
        statusIdx,
        thumbprint);
  }

  /** As stored (encrypted) and as listed. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", format);
    m.put("vct", vct);
    m.put("issuer", issuer);
    if (issuedAt != null) {
      m.put("issuedAt", issuedAt.getEpochSecond());
    }
    if (expiresAt != null) {
      m.put("expiresAt", expiresAt.getEpochSecond());
    }
    if (statusListUri != null) {
      m.put("statusList", Map.of("uri", statusListUri, "idx", statusListIndex));
    }
    m.put("holderKeyThumbprint", holderKeyThumbprint);
    return m;
  }

  /** The inverse of {@link #toMap}. */
  public static CredentialMetadata fromMap(Map<String, Object> m) {
    Object status = m.get("statusList");
    String uri = null;
    long idx = -1;
    if (status instanceof Map<?, ?> s) {
      uri = (String) s.get("uri");
      idx = ((Number) s.get("idx")).longValue();
    }
    return new CredentialMetadata(
        (String) m.get("format"),
        (String) m.get("vct"),
        (String) m.get("issuer"),
        m.get("issuedAt") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null,
        m.get("expiresAt") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null,
        uri,
        idx,
        (String) m.get("holderKeyThumbprint"));
  }

  private static String string(JWTClaimsSet claims, String name) {
    return claims.getClaim(name) instanceof String s && !s.isBlank() ? s : null;
  }

  private static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }

  private static StorageException invalid(String description) {
    return new StorageException(new StorageError.InvalidCredential(description));
  }
}
