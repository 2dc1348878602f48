package ca.idnum.sdk.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtVcIssuerMetadataResolverTest {
  static final String ISS = "https://issuer.example.ca/tenant/42";
  final ECKey k1 = gen("k1");
  final ECKey k2 = gen("k2");
  final Map<URI, String> documents = new HashMap<>();
  final JwtVcIssuerMetadataFetcher fetcher =
      uri -> {
        String doc = documents.get(uri);
        if (doc == null) {
          throw new IOException("404 " + uri);
        }
        return doc;
      };

  static ECKey gen(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  JWSHeader header(String kid) {
    return new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build();
  }

  String metadata(String issuer, Object jwks, String jwksUri) {
    Map<String, Object> m = new HashMap<>();
    m.put("issuer", issuer);
    if (jwks != null) {
      m.put("jwks", jwks);
    }
    if (jwksUri != null) {
      m.put("jwks_uri", jwksUri);
    }
    return JSONObjectUtils.toJSONString(m);
  }

  JwtVcIssuerMetadataResolver resolver() {
    return new JwtVcIssuerMetadataResolver(
        fetcher, iss -> iss.startsWith("https://issuer.example.ca/"));
  }

  @Test
  void whenIssHasAPathThenTheWellKnownSegmentGoesBeforeIt() throws Exception {
    assertThat(JwtVcIssuerMetadataResolver.metadataUri(ISS))
        .isEqualTo(URI.create("https://issuer.example.ca/.well-known/jwt-vc-issuer/tenant/42"));
    assertThat(JwtVcIssuerMetadataResolver.metadataUri("https://issuer.example.ca"))
        .isEqualTo(URI.create("https://issuer.example.ca/.well-known/jwt-vc-issuer"));
  }

  @Test
  void whenMetadataHasInlineJwksThenTheKeyIsSelectedByKid() throws Exception {
    documents.put(
        JwtVcIssuerMetadataResolver.metadataUri(ISS),
        metadata(
            ISS, new JWKSet(List.of(k1.toPublicJWK(), k2.toPublicJWK())).toJSONObject(), null));
    assertThat(resolver().resolve(header("k2"), Map.of("iss", ISS))).isEqualTo(k2.toECPublicKey());
  }

  @Test
  void whenMetadataPointsToJwksUriThenItIsFetched() throws Exception {
    documents.put(
        JwtVcIssuerMetadataResolver.metadataUri(ISS),
        metadata(ISS, null, "https://issuer.example.ca/jwks.json"));
    documents.put(
        URI.create("https://issuer.example.ca/jwks.json"), new JWKSet(k1.toPublicJWK()).toString());
    assertThat(resolver().resolve(header("k1"), Map.of("iss", ISS))).isEqualTo(k1.toECPublicKey());
  }

  @Test
  void whenMetadataIssuerDiffersThenMetadataInvalid() throws Exception {
    documents.put(
        JwtVcIssuerMetadataResolver.metadataUri(ISS),
        metadata("https://evil.example", new JWKSet(k1.toPublicJWK()).toJSONObject(), null));
    assertThatThrownBy(() -> resolver().resolve(header("k1"), Map.of("iss", ISS)))
        .isInstanceOfSatisfying(
            IssuerKeyException.class,
            e -> assertThat(e.reason()).isEqualTo(IssuerKeyException.Reason.METADATA_INVALID));
  }

  @Test
  void whenKidIsUnknownThenUnknownKeyId() throws Exception {
    documents.put(
        JwtVcIssuerMetadataResolver.metadataUri(ISS),
        metadata(ISS, new JWKSet(k1.toPublicJWK()).toJSONObject(), null));
    assertThatThrownBy(() -> resolver().resolve(header("nope"), Map.of("iss", ISS)))
        .isInstanceOfSatisfying(
            IssuerKeyException.class,
            e -> assertThat(e.reason()).isEqualTo(IssuerKeyException.Reason.UNKNOWN_KEY_ID));
  }

  @Test
  void whenIssuerIsNotTrustedOrNotHttpsThenNothingIsFetched() {
    assertThatThrownBy(
            () -> resolver().resolve(header("k1"), Map.of("iss", "https://evil.example")))
        .isInstanceOfSatisfying(
            IssuerKeyException.class,
            e -> assertThat(e.reason()).isEqualTo(IssuerKeyException.Reason.UNTRUSTED_ISSUER));
    assertThatThrownBy(() -> JwtVcIssuerMetadataResolver.metadataUri("http://issuer.example.ca"))
        .isInstanceOf(IssuerKeyException.class);
    assertThatThrownBy(() -> resolver().resolve(header("k1"), Map.of()))
        .isInstanceOfSatisfying(
            IssuerKeyException.class,
            e -> assertThat(e.reason()).isEqualTo(IssuerKeyException.Reason.MISSING_ISSUER));
  }

  @Test
  void whenTheFetchFailsThenMetadataInvalid() {
    assertThatThrownBy(() -> resolver().resolve(header("k1"), Map.of("iss", ISS)))
        .isInstanceOfSatisfying(
            IssuerKeyException.class,
            e -> assertThat(e.reason()).isEqualTo(IssuerKeyException.Reason.METADATA_INVALID));
  }

  @Test
  void whenAJwkSetHasPrivateKeysThenOnlyPublicPartsAreUsed() throws Exception {
    JwkSetKeyResolver r = new JwkSetKeyResolver(new JWKSet(k1));
    assertThat(r.resolve(header("k1"), Map.of())).isEqualTo(k1.toECPublicKey());
  }
}
