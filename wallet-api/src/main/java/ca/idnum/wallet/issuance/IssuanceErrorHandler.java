package ca.idnum.wallet.issuance;

import ca.idnum.server.store.ShortLivedStoreUnavailable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where errors become responses: {@code {"error": ..., "error_description": ...}}
 * with the right status, {@code Cache-Control: no-store}, and a {@code WWW-Authenticate: DPoP}
 * challenge for token errors (RFC 9449 §7.1).
 */
@RestControllerAdvice(basePackages = "ca.idnum.wallet")
public final class IssuanceErrorHandler {

  /** The DPoP algorithms accepted, announced in challenges. */
  static final String DPOP_ALGS = "ES256 ES384 ES512 PS256";

  @ExceptionHandler(IssuanceException.class)
  ResponseEntity<Map<String, Object>> issuance(IssuanceException e) {
    return toResponse(e.error());
  }

  @ExceptionHandler({
    ShortLivedStoreUnavailable.class,
    TransientDataAccessException.class,
    DataAccessResourceFailureException.class,
    CannotGetJdbcConnectionException.class
  })
  ResponseEntity<Map<String, Object>> storeDown(Exception e) {
    return toResponse(new IssuanceError.TemporarilyUnavailable("try again later"));
  }

  @ExceptionHandler({
    HttpMessageNotReadableException.class,
    MissingServletRequestParameterException.class,
    MethodArgumentNotValidException.class,
    HttpMediaTypeNotSupportedException.class,
    IllegalArgumentException.class
  })
  ResponseEntity<Map<String, Object>> malformed(Exception e) {
    return toResponse(new IssuanceError.InvalidRequest("the request is malformed"));
  }

  /** The response for {@code error}. */
  public static ResponseEntity<Map<String, Object>> toResponse(IssuanceError error) {
    ResponseEntity.BodyBuilder b =
        ResponseEntity.status(error.status()).cacheControl(CacheControl.noStore());
    if (error.challenge()) {
      StringBuilder challenge = new StringBuilder("DPoP algs=\"").append(DPOP_ALGS).append('"');
      if (!error.code().isEmpty()) {
        challenge
            .append(", error=\"")
            .append(error.code())
            .append("\", error_description=\"")
            .append(error.description().replace("\"", "'"))
            .append('"');
      }
      b.header(HttpHeaders.WWW_AUTHENTICATE, challenge.toString());
    }
    if (error instanceof IssuanceError.TemporarilyUnavailable) {
      b.header(HttpHeaders.RETRY_AFTER, "30");
    }
    if (error instanceof IssuanceError.TooManyAttempts tooMany) {
      b.header(HttpHeaders.RETRY_AFTER, Long.toString(tooMany.retryAfterSeconds()));
    }
    if (error.code().isEmpty()) {
      return b.build();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error.code());
    body.put("error_description", error.description());
    return b.body(body);
  }
}
