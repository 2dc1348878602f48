package ca.idnum.sdk.openid4vci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialOfferTest {

  private static final String OFFER =
      "{\"credential_issuer\":\"https://wallet.example/issuers/saaq\","
          + "\"credential_configuration_ids\":[\"driving_licence\"],"
          + "\"grants\":{\"urn:ietf:params:oauth:grant-type:pre-authorized_code\":"
          + "{\"pre-authorized_code\":\"abc\",\"tx_code\":{\"input_mode\":\"numeric\",\"length\":6}}}}";

  @Test
  void whenAnOfferIsGivenByValueInADeepLinkThenItIsParsed() {
    CredentialOffer.Reference ref =
        CredentialOffer.fromLink(
            "openid-credential-offer://?credential_offer="
                + URLEncoder.encode(OFFER, StandardCharsets.UTF_8));
    CredentialOffer offer = ref.offer().orElseThrow();
    assertThat(offer.credentialIssuer()).isEqualTo("https://wallet.example/issuers/saaq");
    assertThat(offer.credentialConfigurationIds()).containsExactly("driving_licence");
    assertThat(offer.preAuthorizedCode()).isEqualTo("abc");
    assertThat(offer.txCode().length()).isEqualTo(6);
    assertThat(ref.uri()).isEmpty();
  }

  @Test
  void whenAnOfferIsGivenByReferenceThenItsUriIsReturned() {
    CredentialOffer.Reference ref =
        CredentialOffer.fromLink(
            "openid-credential-offer://?credential_offer_uri="
                + URLEncoder.encode(
                    "https://wallet.example/issuers/saaq/offers/1", StandardCharsets.UTF_8));
    assertThat(ref.uri()).contains(URI.create("https://wallet.example/issuers/saaq/offers/1"));
  }

  @Test
  void whenALinkCarriesBothOrNeitherFormThenItIsRefused() {
    assertThatThrownBy(() -> CredentialOffer.fromLink("openid-credential-offer://?x=1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                CredentialOffer.fromLink(
                    "openid-credential-offer://?credential_offer=%7B%7D&credential_offer_uri=https%3A%2F%2Fa"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenTheOfferLacksConfigurationsThenItIsRefused() {
    assertThatThrownBy(
            () ->
                CredentialOffer.parse(
                    "{\"credential_issuer\":\"https://a\",\"credential_configuration_ids\":[]}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenTheIssuerHasAPathThenTheWellKnownSuffixGoesBeforeIt() {
    assertThat(
            IssuerMetadata.wellKnown(
                "https://wallet.example/issuers/saaq", "openid-credential-issuer"))
        .isEqualTo(
            URI.create("https://wallet.example/.well-known/openid-credential-issuer/issuers/saaq"));
    assertThat(
            IssuerMetadata.wellKnown("https://wallet.example:8443/", "oauth-authorization-server"))
        .isEqualTo(
            URI.create("https://wallet.example:8443/.well-known/oauth-authorization-server"));
  }

  @Test
  void whenProofsAreBuiltThenTheyCarryTypeKeyAudienceNonceAndAth() throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    SignedJWT proof =
        SignedJWT.parse(
            Proofs.keyProof(key, "https://wallet.example/issuers/saaq", "n-1", Instant.now()));
    assertThat(proof.getHeader().getType().getType()).isEqualTo("openid4vci-proof+jwt");
    assertThat(proof.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(proof.getHeader().getJWK().isPrivate()).isFalse();
    assertThat(proof.getJWTClaimsSet().getAudience())
        .containsExactly("https://wallet.example/issuers/saaq");
    assertThat(proof.getJWTClaimsSet().getClaim("nonce")).isEqualTo("n-1");
    assertThat(proof.verify(new ECDSAVerifier(key.toECPublicKey()))).isTrue();

    SignedJWT dpop =
        SignedJWT.parse(Proofs.dpop(key, "POST", "https://a/credential", "tok", Instant.now()));
    assertThat(dpop.getHeader().getType().getType()).isEqualTo("dpop+jwt");
    assertThat(dpop.getJWTClaimsSet().getClaim("htm")).isEqualTo("POST");
    assertThat(dpop.getJWTClaimsSet().getClaim("ath")).isEqualTo(Proofs.sha256("tok"));
    assertThat(dpop.getJWTClaimsSet().getJWTID()).isNotBlank();
  }
}
