package ca.idnum.server.crypto;

/** A cryptographic operation failed; the message never contains key material or plaintext. */
public final class CryptoFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CryptoFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
