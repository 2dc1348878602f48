package ca.idnum.wallet.storage;

import ca.idnum.server.dpop.DpopProofException;
import ca.idnum.server.dpop.DpopProofVerifier;
import ca.idnum.wallet.config.WalletProperties;
import ca.idnum.wallet.device.Devices;
import ca.idnum.wallet.device.HolderKeyOwner;
import ca.idnum.wallet.issuance.DpopVerifier;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Authenticates a call to the wallet storage API (RFC 9449 §7, RFC 9068): {@code Authorization:
 * DPoP <token>} where the token is a SAG ({@code auth-server}) access token ({@code typ at+jwt},
 * signature by the SAG's JWK set fetched when first needed, {@code iss} the SAG, not expired,
 * {@code aud} containing the wallet API identifier, the wallet storage {@code scope}, a DPoP
 * binding {@code cnf.jkt} and a {@code sub}); one {@code DPoP} proof for this method and URI, with
 * {@code ath}, signed by the bound key; and that key is not the key of a revoked device (nor of
 * another citizen's device).
 */
@Component
public final class WalletAuthenticator {

  private final NimbusJwtDecoder decoder;
  private final DpopProofVerifier dpop;
  private final Devices devices;
  private final StorageProperties storage;
  private final WalletProperties properties;

  public WalletAuthenticator(
      WalletProperties properties,
      StorageProperties storage,
      DpopVerifier dpop,
      Devices devices,
      Clock clock) {
    this.properties = properties;
    this.storage = storage;
    this.dpop = dpop.proofs();
    this.devices = devices;
    decoder =
        NimbusJwtDecoder.withJwkSetUri(properties.authJwkSetUri().toString())
            .jwsAlgorithm(SignatureAlgorithm.RS256)
            .jwsAlgorithm(SignatureAlgorithm.PS256)
            .jwsAlgorithm(SignatureAlgorithm.ES256)
            .jwsAlgorithm(SignatureAlgorithm.ES384)
            .build();
    JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
    timestamps.setClock(clock);
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            timestamps,
            new JwtIssuerValidator(properties.authIssuer()),
            new JwtTypeValidator("at+jwt")));
  }

  /**
   * Authenticates {@code request}.
   *
   * @throws StorageException {@code invalid_token} (401), {@code invalid_dpop_proof} (401), {@code
   *     insufficient_scope} (403), {@code device_revoked} (401), {@code temporarily_unavailable}
   */
  public WalletCaller authenticate(HttpServletRequest request) {
    List<String> authorizations =
        Collections.list(request.getHeaders("Authorization")).stream().toList();
    if (authorizations.isEmpty()) {
      throw new StorageException(new StorageError.MissingToken());
    }
    String authorization = authorizations.get(0);
    if (authorizations.size() > 1
        || authorization.length() < 6
        || !authorization.regionMatches(true, 0, "DPoP ", 0, 5)) {
      throw invalid("the access token is DPoP-bound: use the DPoP scheme");
    }
    String token = authorization.substring(5).strip();
    Jwt jwt;
    try {
      jwt = decoder.decode(token);
    } catch (BadJwtException e) {
      throw invalid("the access token is not valid");
    } catch (JwtException e) {
      throw new StorageException(
          new StorageError.TemporarilyUnavailable(
              "access tokens cannot be validated now; try again later"));
    }
    List<String> audience = jwt.getAudience();
    if (audience == null || !audience.contains(storage.audience())) {
      throw invalid("the access token is not meant for the wallet API");
    }
    if (!(jwt.getClaims().get("cnf") instanceof Map<?, ?> cnf)
        || !(cnf.get("jkt") instanceof String boundJkt)
        || boundJkt.isBlank()) {
      throw invalid("the access token is not DPoP-bound");
    }
    String subject = jwt.getSubject();
    if (subject == null || subject.isBlank() || subject.length() > 255) {
      throw invalid("the access token has no usable subject");
    }
    Object scope = jwt.getClaims().get("scope");
    if (!(scope instanceof String s)
        || !Arrays.asList(s.strip().split("\\s+")).contains(storage.scope())) {
      throw new StorageException(
          new StorageError.InsufficientScope(
              "the access token lacks the scope " + storage.scope()));
    }
    List<String> proofs = Collections.list(request.getHeaders("DPoP")).stream().toList();
    if (proofs.size() > 1) {
      throw new StorageException(new StorageError.InvalidDpopProof("exactly one DPoP proof"));
    }
    String jkt;
    try {
      jkt =
          dpop.verify(
              proofs.isEmpty() ? null : proofs.get(0),
              request.getMethod(),
              properties.baseUrl() + request.getRequestURI(),
              token);
    } catch (DpopProofException e) {
      throw new StorageException(new StorageError.InvalidDpopProof(e.description()));
    }
    if (!jkt.equals(boundJkt)) {
      throw invalid("the DPoP key is not the one the token is bound to");
    }
    Optional<HolderKeyOwner> device = devices.byDpopKey(jkt);
    if (device.isPresent()) {
      if (!device.get().citizen().equals(subject)) {
        throw invalid("the DPoP key belongs to a device of another wallet");
      }
      if (device.get().revoked()) {
        throw new StorageException(new StorageError.DeviceRevoked());
      }
    }
    Object clientId = jwt.getClaims().get("client_id");
    return new WalletCaller(subject, jkt, clientId instanceof String c ? c : null);
  }

  private static StorageException invalid(String description) {
    return new StorageException(new StorageError.InvalidToken(description));
  }
}
