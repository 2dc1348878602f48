package ca.idnum.wallet.issuance;

/**
 * Everything that can go wrong in the OpenID4VCI endpoints, each with its error code (OAuth 2.0,
 * RFC 9449 DPoP, OpenID4VCI 1.0 §6.3 and §8.3.1.2) and HTTP status. Mapped to the response in one
 * place ({@link IssuanceErrorHandler}); descriptions never contain secrets or internal details.
 */
public sealed interface IssuanceError {

  /** The {@code error} code. */
  String code();

  /** The {@code error_description}. */
  String description();

  /** The HTTP status. */
  int status();

  /** Whether the response carries a {@code WWW-Authenticate: DPoP} challenge. */
  default boolean challenge() {
    return false;
  }

  /** A malformed request. */
  record InvalidRequest(String description) implements IssuanceError {
    public String code() {
      return "invalid_request";
    }

    public int status() {
      return 400;
    }
  }

  /** An unknown, expired or already used pre-authorized code, or a wrong {@code tx_code}. */
  record InvalidGrant(String description) implements IssuanceError {
    public String code() {
      return "invalid_grant";
    }

    public int status() {
      return 400;
    }
  }

  /** A grant type other than the pre-authorized code. */
  record UnsupportedGrantType(String description) implements IssuanceError {
    public String code() {
      return "unsupported_grant_type";
    }

    public int status() {
      return 400;
    }
  }

  /**
   * A missing or invalid DPoP proof (RFC 9449 §5, §7.1): 400 at the token endpoint, 401 with a
   * challenge at the credential endpoint.
   */
  record InvalidDpopProof(String description, boolean atResource) implements IssuanceError {
    public String code() {
      return "invalid_dpop_proof";
    }

    public int status() {
      return atResource ? 401 : 400;
    }

    public boolean challenge() {
      return atResource;
    }
  }

  /** No access token: 401 with a bare DPoP challenge (RFC 6750 §3.1). */
  record MissingToken() implements IssuanceError {
    public String code() {
      return "";
    }

    public String description() {
      return "";
    }

    public int status() {
      return 401;
    }

    public boolean challenge() {
      return true;
    }
  }

  /** An unknown or expired access token, a bearer token, or a key that does not match. */
  record InvalidToken(String description) implements IssuanceError {
    public String code() {
      return "invalid_token";
    }

    public int status() {
      return 401;
    }

    public boolean challenge() {
      return true;
    }
  }

  /**
   * A valid SAG access token whose {@code scope} does not cover the requested credential
   * configuration (RFC 6750 §3.1, OpenID4VCI 1.0 §8.3.1).
   */
  record InsufficientScope(String description) implements IssuanceError {
    public String code() {
      return "insufficient_scope";
    }

    public int status() {
      return 403;
    }

    public boolean challenge() {
      return true;
    }
  }

  /** A malformed credential request (OpenID4VCI §8.3.1.2). */
  record InvalidCredentialRequest(String description) implements IssuanceError {
    public String code() {
      return "invalid_credential_request";
    }

    public int status() {
      return 400;
    }
  }

  /**
   * Missing, unsupported or inconsistent encryption of a credential request or response (OpenID4VCI
   * 1.0 §8.3.1.2, §10).
   */
  record InvalidEncryptionParameters(String description) implements IssuanceError {
    public String code() {
      return "invalid_encryption_parameters";
    }

    public int status() {
      return 400;
    }
  }

  /** A credential configuration this issuer does not offer, or the token does not cover. */
  record UnknownCredentialConfiguration(String description) implements IssuanceError {
    public String code() {
      return "unknown_credential_configuration";
    }

    public int status() {
      return 400;
    }
  }

  /** A key proof that fails validation. */
  record InvalidProof(String description) implements IssuanceError {
    public String code() {
      return "invalid_proof";
    }

    public int status() {
      return 400;
    }
  }

  /** A key proof whose {@code nonce} is missing, unknown, expired or already used. */
  record InvalidNonce(String description) implements IssuanceError {
    public String code() {
      return "invalid_nonce";
    }

    public int status() {
      return 400;
    }
  }

  /** The register does not know the subject, or refuses to vouch for it. */
  record CredentialRequestDenied(String description) implements IssuanceError {
    public String code() {
      return "credential_request_denied";
    }

    public int status() {
      return 400;
    }
  }

  /** The register or a store is unavailable; the wallet may retry later. */
  record TemporarilyUnavailable(String description) implements IssuanceError {
    public String code() {
      return "temporarily_unavailable";
    }

    public int status() {
      return 503;
    }
  }

  /** A notification about an unknown notification id (OpenID4VCI §11.3). */
  record InvalidNotificationId(String description) implements IssuanceError {
    public String code() {
      return "invalid_notification_id";
    }

    public int status() {
      return 400;
    }
  }

  /** A malformed notification (OpenID4VCI §11.3). */
  record InvalidNotificationRequest(String description) implements IssuanceError {
    public String code() {
      return "invalid_notification_request";
    }

    public int status() {
      return 400;
    }
  }

  /** A deferred credential request with an unknown or finished transaction (OpenID4VCI §9.3). */
  record InvalidTransactionId(String description) implements IssuanceError {
    public String code() {
      return "invalid_transaction_id";
    }

    public int status() {
      return 400;
    }
  }

  /**
   * Too many wrong transaction codes from one client address (RFC 6585 {@code 429}, with {@code
   * Retry-After}).
   */
  record TooManyAttempts(String description, long retryAfterSeconds) implements IssuanceError {
    public String code() {
      return "invalid_request";
    }

    public int status() {
      return 429;
    }
  }

  /** No such issuer, offer or credential. */
  record NotFound(String description) implements IssuanceError {
    public String code() {
      return "not_found";
    }

    public int status() {
      return 404;
    }
  }
}
