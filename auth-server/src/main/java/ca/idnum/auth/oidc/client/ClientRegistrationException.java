package ca.idnum.auth.oidc.client;

/**
 * A registration request that cannot be honoured ({@code invalid_client_metadata}, RFC 7591
 * §3.2.2). The message is a fixed text safe to return to the administrator.
 */
public class ClientRegistrationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ClientRegistrationException(String message) {
    super(message, null, false, false);
  }

  /** No client with that client_id. */
  public static final class NotFound extends ClientRegistrationException {
    private static final long serialVersionUID = 1L;

    public NotFound() {
      super("no such client");
    }
  }
}
