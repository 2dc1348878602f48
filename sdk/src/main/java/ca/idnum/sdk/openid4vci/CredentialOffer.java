package ca.idnum.sdk.openid4vci;

import ca.idnum.sdk.json.JsonObjects;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A credential offer (OpenID4VCI 1.0 §4.1.1) with its pre-authorized code grant.
 *
 * @param credentialIssuer the Credential Issuer identifier
 * @param credentialConfigurationIds the offered credential configurations
 * @param preAuthorizedCode the pre-authorized code, or {@code null} when the offer has none
 * @param txCode the transaction code description when one is required, or {@code null}
 */
public record CredentialOffer(
    String credentialIssuer,
    List<String> credentialConfigurationIds,
    String preAuthorizedCode,
    TxCode txCode) {

  /** The pre-authorized code grant type. */
  public static final String PRE_AUTHORIZED_GRANT =
      "urn:ietf:params:oauth:grant-type:pre-authorized_code";

  /** Validates. */
  public CredentialOffer {
    Objects.requireNonNull(credentialIssuer, "credential_issuer");
    if (!credentialIssuer.startsWith("https://") && !credentialIssuer.startsWith("http://")) {
      throw new IllegalArgumentException("credential_issuer must be an HTTPS URL");
    }
    credentialConfigurationIds = List.copyOf(credentialConfigurationIds);
    if (credentialConfigurationIds.isEmpty()) {
      throw new IllegalArgumentException("credential_configuration_ids must not be empty");
    }
  }

  /**
   * How the transaction code looks.
   *
   * @param inputMode {@code numeric} or {@code text}
   * @param length its length, or 0 when not given
   * @param description a hint for the person
   */
  public record TxCode(String inputMode, int length, String description) {}

  /** Parses an offer object. */
  public static CredentialOffer parse(Map<String, Object> json) {
    if (!(json.get("credential_issuer") instanceof String issuer)) {
      throw new IllegalArgumentException("credential_issuer is required");
    }
    if (!(json.get("credential_configuration_ids") instanceof List<?> ids)) {
      throw new IllegalArgumentException("credential_configuration_ids is required");
    }
    List<String> list = new ArrayList<>();
    for (Object o : ids) {
      if (!(o instanceof String s)) {
        throw new IllegalArgumentException("credential_configuration_ids holds strings");
      }
      list.add(s);
    }
    String code = null;
    TxCode tx = null;
    if (json.get("grants") instanceof Map<?, ?> grants
        && grants.get(PRE_AUTHORIZED_GRANT) instanceof Map<?, ?> pre) {
      if (!(pre.get("pre-authorized_code") instanceof String c)) {
        throw new IllegalArgumentException("pre-authorized_code is required in its grant");
      }
      code = c;
      if (pre.get("tx_code") instanceof Map<?, ?> t) {
        tx =
            new TxCode(
                t.get("input_mode") instanceof String m ? m : "numeric",
                t.get("length") instanceof Number n ? n.intValue() : 0,
                t.get("description") instanceof String d ? d : null);
      }
    }
    return new CredentialOffer(issuer, list, code, tx);
  }

  /** Parses an offer given as JSON text. */
  public static CredentialOffer parse(String json) {
    try {
      return parse(JsonObjects.parse(json));
    } catch (ParseException e) {
      throw new IllegalArgumentException("the credential offer is not a JSON object");
    }
  }

  /**
   * The {@code credential_offer} (by value) or {@code credential_offer_uri} (by reference) of an
   * {@code openid-credential-offer://} link or any URL with those query parameters.
   */
  public static Reference fromLink(String link) {
    String query = URI.create(link).getRawQuery();
    if (query == null) {
      throw new IllegalArgumentException("the offer link has no query");
    }
    String byValue = null;
    String byReference = null;
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String name = pair.substring(0, eq);
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (name.equals("credential_offer")) {
        byValue = value;
      } else if (name.equals("credential_offer_uri")) {
        byReference = value;
      }
    }
    if ((byValue == null) == (byReference == null)) {
      throw new IllegalArgumentException(
          "the link carries exactly one of credential_offer and credential_offer_uri");
    }
    return new Reference(
        Optional.ofNullable(byValue).map(CredentialOffer::parse),
        Optional.ofNullable(byReference).map(URI::create));
  }

  /**
   * An offer link's content: the offer itself or where to fetch it.
   *
   * @param offer the offer by value
   * @param uri the offer's URI
   */
  public record Reference(Optional<CredentialOffer> offer, Optional<URI> uri) {}
}
