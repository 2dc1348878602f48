package ca.idnum.wallet.verifier;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The one place where verifier errors become {@code {"error", "error_description"}} answers. */
@RestControllerAdvice(basePackages = "ca.idnum.wallet.verifier")
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class VerifierErrors {

  @ExceptionHandler(VerifierException.class)
  ResponseEntity<Map<String, Object>> verifier(VerifierException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.kind().code());
    body.put("error_description", e.description());
    return ResponseEntity.status(e.kind().status()).cacheControl(CacheControl.noStore()).body(body);
  }
}
