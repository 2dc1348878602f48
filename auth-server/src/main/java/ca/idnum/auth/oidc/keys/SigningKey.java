package ca.idnum.auth.oidc.keys;

import ca.idnum.auth.oidc.client.SigningAlg;
import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A signing key with its private part (decrypted, in memory only). */
public record SigningKey(
    String kid,
    SigningAlg alg,
    KeyStatus status,
    JWK jwk,
    Instant createdAt,
    Optional<Instant> activatedAt,
    Optional<Instant> retiredUntil) {

  public SigningKey {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(alg, "alg");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(jwk, "jwk");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(activatedAt, "activatedAt");
    Objects.requireNonNull(retiredUntil, "retiredUntil");
  }

  @Override
  public String toString() {
    return "SigningKey[kid=" + kid + ", alg=" + alg + ", status=" + status + "]";
  }
}
