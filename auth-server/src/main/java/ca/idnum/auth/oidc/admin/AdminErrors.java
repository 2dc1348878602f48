package ca.idnum.auth.oidc.admin;

import ca.idnum.auth.oidc.client.ClientRegistrationException;
import ca.idnum.auth.oidc.web.OAuthErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Admin API errors as OAuth-style bodies (RFC 7591 {@code invalid_client_metadata} for rejected
 * registrations), written through {@link OAuthErrors}. Unexpected failures are logged by type only
 * and answered with a generic {@code server_error}.
 */
@RestControllerAdvice(assignableTypes = {ClientAdminController.class, KeyAdminController.class})
public class AdminErrors {

  private static final Logger log = LoggerFactory.getLogger(AdminErrors.class);

  @ExceptionHandler(ClientRegistrationException.NotFound.class)
  ResponseEntity<String> notFound(ClientRegistrationException.NotFound e) {
    return body(HttpStatus.NOT_FOUND, "invalid_request", e.getMessage());
  }

  @ExceptionHandler(ClientRegistrationException.class)
  ResponseEntity<String> invalid(ClientRegistrationException e) {
    return body(HttpStatus.BAD_REQUEST, "invalid_client_metadata", e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<String> unreadable(HttpMessageNotReadableException e) {
    return body(HttpStatus.BAD_REQUEST, "invalid_request", "malformed JSON body");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<String> mediaType(HttpMediaTypeNotSupportedException e) {
    return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request", "expected application/json");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<String> method(HttpRequestMethodNotSupportedException e) {
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
