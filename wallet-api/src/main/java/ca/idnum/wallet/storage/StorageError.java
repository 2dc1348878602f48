package ca.idnum.wallet.storage;

/**
 * Everything that can go wrong in the wallet storage API (credentials, devices, history, export,
 * erasure), each with its error code and HTTP status. Mapped to the response in one place ({@link
 * StorageErrorHandler}): {@code {"error": ..., "error_description": ...}}, and for token errors a
 * {@code WWW-Authenticate: DPoP} challenge (RFC 9449 §7.1, RFC 6750 §3). Descriptions never contain
 * secrets, tokens or internal details.
 */
public sealed interface StorageError {

  /** The {@code error} code. */
  String code();

  /** The {@code error_description}. */
  String description();

  /** The HTTP status. */
  int status();

  /**
   * The {@code error} of the {@code WWW-Authenticate: DPoP} challenge, or {@code null} for none.
   */
  default String challenge() {
    return null;
  }

  /** No access token: 401 with a bare DPoP challenge. */
  record MissingToken() implements StorageError {
    public String code() {
      return "invalid_token";
    }

    public String description() {
      return "a DPoP-bound access token is required";
    }

    public int status() {
      return 401;
    }

    public String challenge() {
      return "";
    }
  }

  /**
   * An invalid or expired token, a bearer token, another audience, or a key that does not match.
   */
  record InvalidToken(String description) implements StorageError {
    public String code() {
      return "invalid_token";
    }

    public int status() {
      return 401;
    }

    public String challenge() {
      return "invalid_token";
    }
  }

  /** A valid token without the wallet storage scope. */
  record InsufficientScope(String description) implements StorageError {
    public String code() {
      return "insufficient_scope";
    }

    public int status() {
      return 403;
    }

    public String challenge() {
      return "insufficient_scope";
    }
  }

  /** A missing or invalid DPoP proof (RFC 9449 §7.1). */
  record InvalidDpopProof(String description) implements StorageError {
    public String code() {
      return "invalid_dpop_proof";
    }

    public int status() {
      return 401;
    }

    public String challenge() {
      return "invalid_dpop_proof";
    }
  }

  /** The token is bound to the DPoP key of a device the citizen revoked. */
  record DeviceRevoked() implements StorageError {
    public String code() {
      return "device_revoked";
    }

    public String description() {
      return "the device this access token is bound to was revoked";
    }

    public int status() {
      return 401;
    }

    public String challenge() {
      return "invalid_token";
    }
  }

  /** A malformed request. */
  record InvalidRequest(String description) implements StorageError {
    public String code() {
      return "invalid_request";
    }

    public int status() {
      return 400;
    }
  }

  /** Not a credential this API can store (format, shape, missing holder key binding). */
  record InvalidCredential(String description) implements StorageError {
    public String code() {
      return "invalid_credential";
    }

    public int status() {
      return 400;
    }
  }

  /** The credential is bound to a holder key no device of this citizen registered. */
  record HolderKeyNotRegistered() implements StorageError {
    public String code() {
      return "holder_key_not_registered";
    }

    public String description() {
      return "the credential's holder key is not registered by a device of this wallet";
    }

    public int status() {
      return 400;
    }
  }

  /** The credential is bound to a holder key of a revoked device. */
  record HolderKeyRevoked() implements StorageError {
    public String code() {
      return "holder_key_revoked";
    }

    public String description() {
      return "the credential's holder key belongs to a revoked device";
    }

    public int status() {
      return 403;
    }
  }

  /** A holder key already registered (by this or another wallet). */
  record HolderKeyInUse() implements StorageError {
    public String code() {
      return "holder_key_in_use";
    }

    public String description() {
      return "a holder key is already registered";
    }

    public int status() {
      return 409;
    }
  }

  /** The DPoP key of this token is already registered as a device. */
  record DeviceAlreadyRegistered() implements StorageError {
    public String code() {
      return "device_already_registered";
    }

    public String description() {
      return "a device with this DPoP key is already registered";
    }

    public int status() {
      return 409;
    }
  }

  /** A credential larger than the configured limit. */
  record CredentialTooLarge(int limit) implements StorageError {
    public String code() {
      return "credential_too_large";
    }

    public String description() {
      return "a credential may have at most " + limit + " bytes";
    }

    public int status() {
      return 413;
    }
  }

  /** The citizen's quota (credentials, devices or holder keys) is used up. */
  record QuotaExceeded(String description) implements StorageError {
    public String code() {
      return "quota_exceeded";
    }

    public int status() {
      return 409;
    }
  }

  /** No such credential or device in this wallet (another citizen's is "not found" too). */
  record NotFound(String description) implements StorageError {
    public String code() {
      return "not_found";
    }

    public int status() {
      return 404;
    }
  }

  /** A store or the authorization server's keys are unavailable; the app may retry later. */
  record TemporarilyUnavailable(String description) implements StorageError {
    public String code() {
      return "temporarily_unavailable";
    }

    public int status() {
      return 503;
    }
  }

  /** An unexpected failure (details only in the server log, never in the response). */
  record ServerError() implements StorageError {
    public String code() {
      return "server_error";
    }

    public String description() {
      return "the request could not be processed";
    }

    public int status() {
      return 500;
    }
  }
}
