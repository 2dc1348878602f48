package ca.idnum.auth.oidc.pairwise;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.oidc.keys.ServerSecrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Pairwise subject identifiers (OpenID Connect Core §8.1): {@code sub} = base64url(HMAC-SHA256(
 * pepper, sector_identifier || 0x00 || citizen id)). Clients of one sector see the same {@code sub}
 * for a citizen; clients of different sectors cannot link their subjects. The pepper is a server
 * secret stored encrypted under the key-encryption key.
 */
@Component
public class PairwiseSubjects {

  static final String PEPPER = "pairwise-pepper";

  private final SecretKeySpec pepper;

  public PairwiseSubjects(ServerSecrets secrets) {
    this.pepper = new SecretKeySpec(secrets.get(PEPPER), "HmacSHA256");
  }

  /** The subject that clients of {@code sectorIdentifier} see for {@code citizen}. */
  public String subject(String sectorIdentifier, CitizenId citizen) {
    Objects.requireNonNull(citizen, "citizen");
    return hmac(sectorIdentifier, citizen.toString());
  }

  /**
   * The subject that clients of {@code sectorIdentifier} see for an organisation (its internal id,
   * prefixed so that it never collides with a citizen's).
   */
  public String organisationSubject(String sectorIdentifier, String organisationId) {
    Objects.requireNonNull(organisationId, "organisationId");
    return hmac(sectorIdentifier, "org:" + organisationId);
  }

  private String hmac(String sectorIdentifier, String local) {
    Objects.requireNonNull(sectorIdentifier, "sectorIdentifier");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(pepper);
      mac.update(sectorIdentifier.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(local.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
