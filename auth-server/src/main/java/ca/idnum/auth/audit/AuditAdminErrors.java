package ca.idnum.auth.audit;

import ca.idnum.auth.oidc.web.OAuthErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the audit and session admin endpoints: a refused query is {@code 400 invalid_request}
 * with what was wrong; anything else a generic {@code 500 server_error} (logged by type only).
 */
@RestControllerAdvice(
    assignableTypes = {
      AuditAdminController.class,
      ca.idnum.auth.session.SessionAdminController.class
    })
public class AuditAdminErrors {

  private static final Logger log = LoggerFactory.getLogger(AuditAdminErrors.class);

  @ExceptionHandler(BadAdminRequest.class)
  ResponseEntity<String> invalid(BadAdminRequest e) {
    return body(HttpStatus.BAD_REQUEST, "invalid_request", e.getMessage());
  }

  @ExceptionHandler(ca.idnum.auth.session.SessionNotFound.class)
  ResponseEntity<String> notFound(ca.idnum.auth.session.SessionNotFound e) {
    return body(HttpStatus.NOT_FOUND, "invalid_request", "no such session");
  }

  @ExceptionHandler(
      org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class)
  ResponseEntity<String> mismatch(Exception e) {
    return body(HttpStatus.BAD_REQUEST, "invalid_request", "malformed parameter");
  }

  @ExceptionHandler(org.springframework.web.bind.MissingServletRequestParameterException.class)
  ResponseEntity<String> missing(
      org.springframework.web.bind.MissingServletRequestParameterException e) {
    return body(
        HttpStatus.BAD_REQUEST, "invalid_request", "missing parameter " + e.getParameterName());
  }

  @ExceptionHandler(org.springframework.web.HttpRequestMethodNotSupportedException.class)
  ResponseEntity<String> method(Exception e) {
    return body(HttpStatus.METHOD_NOT_ALLOWED, "invalid_request", "method not allowed");
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<String> unexpected(RuntimeException e) {
    log.error("Admin API failure ({})", e.getClass().getName());
    return body(HttpStatus.INTERNAL_SERVER_ERROR, "server_error", "internal error");
  }

  private static ResponseEntity<String> body(HttpStatus status, String error, String description) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .header("Cache-Control", "no-store")
        .body(OAuthErrors.json(new OAuth2Error(error, description, null)));
  }
}
