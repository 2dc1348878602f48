package ca.idnum.auth.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * When the database cannot be reached, citizen pages answer 503 with the error page ("service
 * temporarily unavailable") rather than a 500: nothing was done, and trying again later is the
 * right advice. The exception's message (which may name hosts or SQL) is not logged.
 */
@ControllerAdvice(basePackages = {"ca.idnum.auth.citizen", "ca.idnum.auth.web"})
final class UnavailableStorageAdvice {

  private static final Logger LOG = LoggerFactory.getLogger(UnavailableStorageAdvice.class);

  @ExceptionHandler(DataAccessException.class)
  @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
  String unavailable(DataAccessException e, org.springframework.ui.Model model) {
    LOG.error("Citizen page failed: storage unavailable ({})", e.getClass().getSimpleName());
    model.addAttribute("status", HttpStatus.SERVICE_UNAVAILABLE.value());
    return "error";
  }
}
