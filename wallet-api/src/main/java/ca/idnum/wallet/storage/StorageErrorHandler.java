package ca.idnum.wallet.storage;

import ca.idnum.server.crypto.CryptoFailure;
import ca.idnum.server.dpop.DpopProofVerifier;
import ca.idnum.server.store.ShortLivedStoreUnavailable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The one place where wallet storage API errors become responses: {@code {"error": ...,
 * "error_description": ...}} with the right status, {@code Cache-Control: no-store}, and a {@code
 * WWW-Authenticate: DPoP} challenge for token and proof errors (RFC 9449 §7.1).
 */
@RestControllerAdvice(
    basePackages = {"ca.idnum.wallet.storage", "ca.idnum.wallet.device", "ca.idnum.wallet.history"})
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class StorageErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(StorageErrorHandler.class);

  @ExceptionHandler(StorageException.class)
  ResponseEntity<Map<String, Object>> storage(StorageException e) {
    return toResponse(e.error());
  }

  @ExceptionHandler({
    ShortLivedStoreUnavailable.class,
    TransientDataAccessException.class,
    DataAccessResourceFailureException.class,
    CannotGetJdbcConnectionException.class
  })
  ResponseEntity<Map<String, Object>> storeDown(Exception e) {
    log.warn("wallet storage: a store is unavailable ({})", e.getClass().getSimpleName());
    return toResponse(new StorageError.TemporarilyUnavailable("try again later"));
  }

  @ExceptionHandler({
    HttpMessageNotReadableException.class,
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class,
    HttpMediaTypeNotSupportedException.class,
    IllegalArgumentException.class
  })
  ResponseEntity<Map<String, Object>> malformed(Exception e) {
    return toResponse(new StorageError.InvalidRequest("the request is malformed"));
  }

  @ExceptionHandler(CryptoFailure.class)
  ResponseEntity<Map<String, Object>> crypto(CryptoFailure e) {
    log.error("wallet storage: a stored value could not be decrypted ({})", e.getMessage());
    return toResponse(new StorageError.ServerError());
  }

  /** The response for {@code error}. */
  public static ResponseEntity<Map<String, Object>> toResponse(StorageError error) {
    ResponseEntity.BodyBuilder b =
        ResponseEntity.status(error.status()).cacheControl(CacheControl.noStore());
    if (error.challenge() != null) {
      StringBuilder challenge =
          new StringBuilder("DPoP algs=\"").append(DpopProofVerifier.ALGS).append('"');
      if (!error.challenge().isEmpty()) {
        challenge
            .append(", error=\"")
            .append(error.challenge())
            .append("\", error_description=\"")
            .append(error.description().replace("\"", "'"))
            .append('"');
      }
      b.header(HttpHeaders.WWW_AUTHENTICATE, challenge.toString());
    }
    if (error instanceof StorageError.TemporarilyUnavailable) {
      b.header(HttpHeaders.RETRY_AFTER, "30");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error.code());
    body.put("error_description", error.description());
    return b.body(body);
  }
}
