package ca.idnum.wallet.verifier;

import java.util.Objects;

/**
 * A verifier API or endpoint refusal, turned into an OAuth-style error by {@link VerifierErrors}.
 */
public final class VerifierException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The closed set of error answers of the verifier service. */
  public enum Kind {
    /** 400 {@code invalid_request}: malformed request, unknown or expired request id. */
    INVALID_REQUEST(400, "invalid_request"),
    /** 403 {@code access_denied}: the relying body asks for more than it is registered for. */
    ACCESS_DENIED(403, "access_denied"),
    /** 404 {@code not_found}: no such transaction or relying body. */
    NOT_FOUND(404, "not_found");

    private final int status;
    private final String code;

    Kind(int status, String code) {
      this.status = status;
      this.code = code;
    }

    public int status() {
      return status;
    }

    public String code() {
      return code;
    }
  }

  private final Kind kind;
  private final String description;

  public VerifierException(Kind kind, String description) {
    super(kind.code() + ": " + description, null, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.description = Objects.requireNonNull(description, "description");
  }

  public Kind kind() {
    return kind;
  }

  public String description() {
    return description;
  }
}
