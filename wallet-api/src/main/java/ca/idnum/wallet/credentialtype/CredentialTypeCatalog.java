package ca.idnum.wallet.credentialtype;

import ca.idnum.sdk.json.JsonObjects;
import ca.idnum.sdk.sdjwt.ClaimPath;
import ca.idnum.wallet.config.WalletProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The credential types of the platform, loaded from {@code idnum.wallet.credential-types} (a JSON
 * object: id → {@code validity}, {@code scope}, {@code type_metadata}). Adding a type is a
 * configuration change, not a code change.
 */
@Component
public final class CredentialTypeCatalog {

  private final Map<String, CredentialType> types;
  private final String baseUrl;

  public CredentialTypeCatalog(WalletProperties properties, ResourceLoader resources) {
    this.baseUrl = properties.baseUrl().toString();
    this.types = load(resources, properties.credentialTypes());
    for (Map.Entry<String, WalletProperties.IssuerProperties> e : properties.issuers().entrySet()) {
      for (String id : e.getValue().credentialConfigurations()) {
        if (!types.containsKey(id)) {
          throw new IllegalStateException(
              "issuer " + e.getKey() + " names an unknown credential type " + id);
        }
      }
    }
  }

  /** The type with this credential configuration id. */
  public Optional<CredentialType> find(String id) {
    return Optional.ofNullable(types.get(id));
  }

  /** The {@code vct} of a type: a URL of this platform serving its type metadata. */
  public String vct(CredentialType type) {
    return baseUrl + "/vct/" + type.id();
  }

  /** The type metadata document (SD-JWT VC §6) served at the {@code vct} URL. */
  public Map<String, Object> typeMetadataDocument(CredentialType type) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("vct", vct(type));
    doc.putAll(type.typeMetadata());
    return doc;
  }

  private static Map<String, CredentialType> load(ResourceLoader resources, String location) {
    Map<String, Object> json;
    try (InputStream in = resources.getResource(location).getInputStream()) {
      json = JsonObjects.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("cannot read the credential types at " + location, e);
    }
    Map<String, CredentialType> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : json.entrySet()) {
      out.put(e.getKey(), parse(e.getKey(), asMap(e.getValue(), e.getKey())));
    }
    return Collections.unmodifiableMap(out);
  }

  private static CredentialType parse(String id, Map<String, Object> t) {
    Map<String, Object> metadata = asMap(t.get("type_metadata"), id + ".type_metadata");
    List<CredentialType.Claim> claims = new ArrayList<>();
    if (!(metadata.get("claims") instanceof List<?> list)) {
      throw new IllegalStateException(id + ": type_metadata.claims is required");
    }
    for (Object o : list) {
      Map<String, Object> c = asMap(o, id + ".claims[]");
      if (!(c.get("path") instanceof List<?> path)) {
        throw new IllegalStateException(id + ": every claim has a path");
      }
      String sd = c.get("sd") instanceof String s ? s : "allowed";
      claims.add(
          new CredentialType.Claim(
              new ClaimPath(new ArrayList<>(path)),
              CredentialType.Sd.valueOf(sd.toUpperCase(Locale.ROOT))));
    }
    if (metadata.containsKey("vct")) {
      throw new IllegalStateException(id + ": vct is derived from the base URL, do not set it");
    }
    return new CredentialType(
        id,
        String.valueOf(t.getOrDefault("scope", "idnum:vc:" + id)),
        Period.parse(String.valueOf(t.getOrDefault("validity", "P1Y"))),
        metadata,
        claims);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o, String where) {
    if (!(o instanceof Map<?, ?>)) {
      throw new IllegalStateException(where + " must be a JSON object");
    }
    return (Map<String, Object>) o;
  }
}
