package ca.idnum.wallet.verifier;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code idnum.wallet.verifier.*}: the OpenID4VP verifier service.
 *
 * @param transactionTtl default lifetime of a presentation transaction
 * @param maxTransactionTtl the longest lifetime a relying body may ask for
 * @param resultTtl how long a finished transaction's result can be fetched
 * @param clientIdPrefix {@code x509_hash} (HAIP 1.0, default) or {@code x509_san_dns}
 * @param keyBindingMaxAge oldest accepted {@code iat} of a Key Binding JWT
 * @param trustedIssuers per credential configuration id, the issuer identifiers (or issuer short
 *     names of this platform) trusted for it; a type not listed trusts this platform's issuers of
 *     that type
 * @param verifiers the registered relying bodies by short name
 */
@ConfigurationProperties("idnum.wallet.verifier")
public record VerifierProperties(
    Duration transactionTtl,
    Duration maxTransactionTtl,
    Duration resultTtl,
    String clientIdPrefix,
    Duration keyBindingMaxAge,
    Map<String, List<String>> trustedIssuers,
    Map<String, Registration> verifiers) {

  private static final Pattern BODY = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** Validates and applies defaults. */
  public VerifierProperties {
    transactionTtl = positive(transactionTtl, Duration.ofMinutes(5));
    maxTransactionTtl = positive(maxTransactionTtl, Duration.ofMinutes(30));
    resultTtl = positive(resultTtl, Duration.ofMinutes(10));
    keyBindingMaxAge = positive(keyBindingMaxAge, Duration.ofMinutes(5));
    clientIdPrefix = clientIdPrefix == null ? "x509_hash" : clientIdPrefix;
    if (!clientIdPrefix.equals("x509_hash") && !clientIdPrefix.equals("x509_san_dns")) {
      throw new IllegalArgumentException(
          "idnum.wallet.verifier.client-id-prefix must be x509_hash or x509_san_dns");
    }
    trustedIssuers = trustedIssuers == null ? Map.of() : Map.copyOf(trustedIssuers);
    verifiers = verifiers == null ? Map.of() : Map.copyOf(new TreeMap<>(verifiers));
    for (String body : verifiers.keySet()) {
      if (!BODY.matcher(body).matches()) {
        throw new IllegalArgumentException(
            "verifier name " + body + " must be lower-case letters, digits and hyphens");
      }
    }
  }

  private static Duration positive(Duration d, Duration fallback) {
    if (d == null) {
      return fallback;
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("durations must be positive");
    }
    return d;
  }

  /**
   * One relying body.
   *
   * @param nameFr display name in French
   * @param nameEn display name in English
   * @param purposeFr why it asks, in French
   * @param purposeEn why it asks, in English
   * @param claims per credential configuration id, the claims it may request (names, or paths with
   *     dots: {@code address.locality})
   * @param redirectUris where the Wallet may send the user back in same-device flows
   * @param webhook a URL notified (POST, transaction id and status only) when a transaction ends
   */
  public record Registration(
      String nameFr,
      String nameEn,
      String purposeFr,
      String purposeEn,
      Map<String, List<String>> claims,
      List<URI> redirectUris,
      URI webhook) {
    /** Validates. */
    public Registration {
      Objects.requireNonNull(nameFr, "name-fr");
      nameEn = nameEn == null ? nameFr : nameEn;
      Objects.requireNonNull(purposeFr, "purpose-fr");
      purposeEn = purposeEn == null ? purposeFr : purposeEn;
      claims = claims == null ? Map.of() : Map.copyOf(claims);
      if (claims.isEmpty()) {
        throw new IllegalArgumentException("a verifier may request at least one claim");
      }
      redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
    }
  }
}
