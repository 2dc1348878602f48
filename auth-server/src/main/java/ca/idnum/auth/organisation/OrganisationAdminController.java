package ca.idnum.auth.organisation;

import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.oidc.web.OAuthErrors;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API: registers an organisation as a public register would (Quebec enterprise number, name)
 * with its first administrator, named by e-mail address (the answer is the same whether or not an
 * account has that address).
 */
@RestController
@RequestMapping(path = "/admin/organisations", produces = "application/json")
@Tag(name = "organisations", description = "Organisations and their representatives")
@SecurityRequirement(name = "admin-token")
public class OrganisationAdminController {

  /** The request. */
  public record NewOrganisation(
      @JsonProperty("neq") String neq,
      @JsonProperty("name") String name,
      @JsonProperty("administrator_email") String administratorEmail) {}

  private final Organisations organisations;

  public OrganisationAdminController(Organisations organisations) {
    this.organisations = organisations;
  }

  @Operation(
      summary = "Register an organisation",
      description =
          "neq: the Quebec enterprise number (10 digits); name (1-200 characters);"
              + " administrator_email: the first administrator's e-mail address. 201 with the"
              + " organisation's id; 409 when the NEQ is already registered.")
  @PostMapping(consumes = "application/json")
  public ResponseEntity<String> create(@RequestBody NewOrganisation body, Principal admin) {
    if (body == null) {
      return error(HttpStatus.BAD_REQUEST, "invalid_request", "body required");
    }
    Optional<Neq> neq = Neq.parse(body.neq());
    if (neq.isEmpty()) {
      return error(HttpStatus.BAD_REQUEST, "invalid_request", "neq: ten digits");
    }
    String name = body.name() == null ? "" : body.name().strip();
    if (name.isEmpty()
        || name.length() > Organisation.MAX_NAME
        || name.chars().anyMatch(Character::isISOControl)) {
      return error(HttpStatus.BAD_REQUEST, "invalid_request", "name: 1 to 200 characters");
    }
    Optional<EmailAddress> email =
        body.administratorEmail() == null
                || body.administratorEmail().length() > EmailAddress.MAX_LENGTH
            ? Optional.empty()
            : EmailAddress.parse(body.administratorEmail().strip());
    if (email.isEmpty()) {
      return error(HttpStatus.BAD_REQUEST, "invalid_request", "administrator_email: invalid");
    }
    Optional<Organisation> created =
        organisations.create(neq.get(), name, email.get(), admin == null ? null : admin.getName());
    if (created.isEmpty()) {
      return error(HttpStatus.CONFLICT, "invalid_request", "an organisation has this neq");
    }
    Organisation o = created.get();
    return ResponseEntity.status(HttpStatus.CREATED)
        .contentType(MediaType.APPLICATION_JSON)
        .header("Cache-Control", "no-store")
        .body(
            com.nimbusds.jose.util.JSONObjectUtils.toJSONString(
                java.util.Map.of("id", o.id(), "neq", o.neq().value(), "name", o.name())));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<String> unreadable(HttpMessageNotReadableException e) {
    return error(HttpStatus.BAD_REQUEST, "invalid_request", "malformed JSON body");
  }

  private static ResponseEntity<String> error(HttpStatus status, String code, String description) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .header("Cache-Control", "no-store")
        .body(OAuthErrors.json(new OAuth2Error(code, description, null)));
  }
}
