package ca.idnum.wallet.issuer;

import ca.idnum.wallet.config.WalletProperties;
import ca.idnum.wallet.credentialtype.CredentialType;
import ca.idnum.wallet.credentialtype.CredentialTypeCatalog;
import ca.idnum.wallet.issuance.CredentialEncryption;
import ca.idnum.wallet.issuance.IssuanceError;
import ca.idnum.wallet.issuance.IssuanceException;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Discovery documents: Credential Issuer metadata (OpenID4VCI 1.0 §12.2, at {@code
 * /.well-known/openid-credential-issuer} inserted before the issuer path), the authorization server
 * metadata of the pre-authorized code flow (RFC 8414), JWT VC Issuer metadata (SD-JWT VC §5),
 * SD-JWT VC type metadata at each {@code vct} URL, and the platform root certificate.
 */
@RestController
@Hidden
public final class IssuerMetadataController {

  private static final CacheControl PUBLIC =
      CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

  private final IssuerDirectory issuers;
  private final CredentialTypeCatalog catalog;
  private final WalletProperties properties;
  private final CredentialEncryption encryption;

  public IssuerMetadataController(
      IssuerDirectory issuers,
      CredentialTypeCatalog catalog,
      WalletProperties properties,
      CredentialEncryption encryption) {
    this.issuers = issuers;
    this.encryption = encryption;
    this.catalog = catalog;
    this.properties = properties;
  }

  @GetMapping(
      path = "/.well-known/openid-credential-issuer/issuers/{body}",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> credentialIssuer(@PathVariable String body) {
    Issuer issuer = issuer(body);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("credential_issuer", issuer.issuerId());
    // This issuer is the authorization server of its pre-authorized codes (listed first, and named
    // in each offer's grant); the SAG is the authorization server of the authorization code flow,
    // with the scope of each credential configuration.
    m.put("authorization_servers", List.of(issuer.issuerId(), properties.authIssuer()));
    m.put("credential_endpoint", issuer.issuerId() + "/credential");
    m.put("nonce_endpoint", issuer.issuerId() + "/nonce");
    m.put("deferred_credential_endpoint", issuer.issuerId() + "/deferred_credential");
    m.put("notification_endpoint", issuer.issuerId() + "/notification");
    m.put("batch_credential_issuance", Map.of("batch_size", properties.batchSize()));
    m.put("credential_request_encryption", encryption.requestEncryptionMetadata(issuer));
    m.put("credential_response_encryption", encryption.responseEncryptionMetadata(issuer));
    m.put(
        "display",
        List.of(
            Map.of("name", issuer.nameFr(), "locale", "fr-CA"),
            Map.of("name", issuer.nameEn(), "locale", "en-CA")));
    Map<String, Object> configurations = new LinkedHashMap<>();
    for (CredentialType t : issuer.credentialTypes()) {
      configurations.put(t.id(), configuration(t));
    }
    m.put("credential_configurations_supported", configurations);
    return ResponseEntity.ok().cacheControl(PUBLIC).body(m);
  }

  @GetMapping(
      path = "/.well-known/oauth-authorization-server/issuers/{body}",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> authorizationServer(@PathVariable String body) {
    Issuer issuer = issuer(body);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("issuer", issuer.issuerId());
    m.put("token_endpoint", issuer.issuerId() + "/token");
    m.put("grant_types_supported", List.of("urn:ietf:params:oauth:grant-type:pre-authorized_code"));
    m.put("pre-authorized_grant_anonymous_access_supported", true);
    m.put("dpop_signing_alg_values_supported", List.of("ES256", "ES384", "ES512", "PS256"));
    m.put("response_types_supported", List.of());
    return ResponseEntity.ok().cacheControl(PUBLIC).body(m);
  }

  @GetMapping(
      path = "/.well-known/jwt-vc-issuer/issuers/{body}",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> jwtVcIssuer(@PathVariable String body) {
    Issuer issuer = issuer(body);
    // the active key first, then superseded keys until they retire: credentials they signed verify
    List<Map<String, Object>> keys =
        issuers.signingKeys(issuer).stream()
            .map(k -> k.identity().publicJwk().toJSONObject())
            .toList();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("issuer", issuer.issuerId());
    m.put("jwks", Map.of("keys", keys));
    return ResponseEntity.ok().cacheControl(PUBLIC).body(m);
  }

  @GetMapping(path = "/vct/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> typeMetadata(@PathVariable String id) {
    CredentialType type =
        catalog
            .find(id)
            .orElseThrow(() -> new IssuanceException(new IssuanceError.NotFound("no such type")));
    return ResponseEntity.ok().cacheControl(PUBLIC).body(catalog.typeMetadataDocument(type));
  }

  @GetMapping(path = "/trust/root-ca.pem", produces = "application/x-pem-file")
  ResponseEntity<String> rootCertificate() {
    try {
      String b64 =
          java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
              .encodeToString(issuers.root().certificate().getEncoded());
      return ResponseEntity.ok()
          .cacheControl(PUBLIC)
          .body("-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n");
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode the root certificate", e);
    }
  }

  private Map<String, Object> configuration(CredentialType t) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("format", "dc+sd-jwt");
    c.put("vct", catalog.vct(t));
    c.put("scope", t.scope());
    c.put("cryptographic_binding_methods_supported", List.of("jwk"));
    c.put("credential_signing_alg_values_supported", List.of("ES256"));
    c.put(
        "proof_types_supported",
        Map.of(
            "jwt",
            Map.of("proof_signing_alg_values_supported", List.of("ES256", "ES384", "ES512"))));
    Map<String, Object> metadata = new LinkedHashMap<>();
    List<Map<String, Object>> display = new ArrayList<>();
    if (t.typeMetadata().get("display") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> d) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("name", d.get("name"));
          entry.put("locale", d.get("locale"));
          if (d.get("description") != null) {
            entry.put("description", d.get("description"));
          }
          display.add(entry);
        }
      }
    }
    metadata.put("display", display);
    List<Map<String, Object>> claims = new ArrayList<>();
    if (t.typeMetadata().get("claims") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> claim) {
          List<Map<String, Object>> labels = new ArrayList<>();
          if (claim.get("display") instanceof List<?> ds) {
            for (Object d : ds) {
              if (d instanceof Map<?, ?> dm) {
                labels.add(Map.of("name", dm.get("label"), "locale", dm.get("locale")));
              }
            }
          }
          claims.add(Map.of("path", claim.get("path"), "display", labels));
        }
      }
    }
    metadata.put("claims", claims);
    c.put("credential_metadata", metadata);
    return c;
  }

  private Issuer issuer(String body) {
    return issuers
        .find(body)
        .orElseThrow(() -> new IssuanceException(new IssuanceError.NotFound("no such issuer")));
  }
}
