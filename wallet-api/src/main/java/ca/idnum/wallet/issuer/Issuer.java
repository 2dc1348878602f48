package ca.idnum.wallet.issuer;

import ca.idnum.wallet.credentialtype.CredentialType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One issuing public body: its Credential Issuer identifier, names and credential types.
 *
 * @param body the short name ({@code saaq}), the last segment of the issuer identifier
 * @param issuerId the Credential Issuer identifier, {@code {base}/issuers/{body}}
 * @param nameFr display name in French
 * @param nameEn display name in English
 * @param credentialTypes the credential configurations it issues
 * @param encryptionRequired whether credential requests and responses must be encrypted (OpenID4VCI
 *     1.0 §10)
 */
public record Issuer(
    String body,
    String issuerId,
    String nameFr,
    String nameEn,
    List<CredentialType> credentialTypes,
    boolean encryptionRequired) {

  /** Validates. */
  public Issuer {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(issuerId, "issuerId");
    Objects.requireNonNull(nameFr, "nameFr");
    Objects.requireNonNull(nameEn, "nameEn");
    credentialTypes = List.copyOf(credentialTypes);
  }

  /** The credential configuration with this id, if this issuer issues it. */
  public Optional<CredentialType> credentialType(String id) {
    return credentialTypes.stream().filter(t -> t.id().equals(id)).findFirst();
  }
}
