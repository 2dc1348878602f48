package ca.idnum.wallet.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.idnum.sdk.dcql.DcqlMatcher;
import ca.idnum.sdk.openid4vp.AuthorizationRequest;
import ca.idnum.sdk.openid4vp.HolderPresenter;
import ca.idnum.sdk.openid4vp.OpenId4VpException;
import ca.idnum.sdk.openid4vp.RequestObjectVerifier;
import ca.idnum.sdk.openid4vp.VerifierClient;
import ca.idnum.sdk.sdjwt.ClaimPath;
import ca.idnum.sdk.sdjwt.DisclosurePolicy;
import ca.idnum.sdk.sdjwt.SdJwt;
import ca.idnum.sdk.sdjwt.SdJwtHolder;
import ca.idnum.sdk.sdjwt.SdJwtIssuer;
import ca.idnum.sdk.sdjwt.VerifierOptions;
import ca.idnum.sdk.sdjwtvc.SdJwtVc;
import ca.idnum.sdk.sdjwtvc.SdJwtVcClaims;
import ca.idnum.sdk.sdjwtvc.SdJwtVcIssuer;
import ca.idnum.sdk.trust.X5cChainResolver;
import ca.idnum.wallet.issuer.Certificates;
import ca.idnum.wallet.issuer.IssuerDirectory;
import ca.idnum.wallet.issuer.SigningIdentity;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every refusal of the issue's acceptance list, each with its precise reason: in the answer to the
 * Wallet ({@code 400 invalid_request}, the code in {@code error_description}) and in the result
 * handed to the relying body. Holder-side refusals of bad request objects too.
 */
class PresentationRefusalTest extends PresentationTestSupport {

  @Autowired IssuerDirectory issuers;

  /** A transaction, resolved by the holder. */
  private record Started(VerifierClient.Transaction tx, AuthorizationRequest request) {}

  private Started start(HolderPresenter presenter) throws Exception {
    VerifierClient.Transaction tx =
        saq.create(saqToken(), ageQuery(), VerifierClient.Options.defaults());
    return new Started(tx, presenter.resolve(tx.deepLink()));
  }

  /** Posts {@code vpToken}; asserts the refusal {@code code} in the answer and the result. */
  private void assertRefused(
      HolderPresenter presenter, Started s, Map<String, List<String>> vpToken, String code)
      throws Exception {
    OpenId4VpException e =
        catchThrowableOfType(
            OpenId4VpException.class, () -> presenter.respond(s.request(), vpToken));
    assertThat(e).as("refused").isNotNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.error()).isEqualTo("invalid_request");
    assertThat(e.getMessage()).contains(code);
    VerifierClient.Result r = saq.result(saqToken(), s.tx().transactionId(), null);
    assertThat(r.status()).isEqualTo("refused");
    assertThat(r.error()).isEqualTo(code);
    assertThat(r.credentials()).isEmpty();
  }

  private static Map<String, List<String>> token(String presentation) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("age", List.of(presentation));
    return m;
  }

  @Test
  void whenADisclosureIsTamperedThenTheResponseIsRefused() throws Exception {
    HolderPresenter presenter = presenter();
    HolderPresenter.HeldCredential held = held(issue("dec", "QC-1990-000123", "proof_of_age"));
    Started s = start(presenter);
    String p =
        presenter
            .vpToken(s.request(), presenter.match(s.request(), List.of(held)))
            .get("age")
            .get(0);
    String[] parts = p.split("~", -1);
    String salt = SdJwt.parse(p).disclosures().get(0).salt();
    parts[1] =
        Base64URL.encode(
                ("[\"" + salt + "\",\"age_over_18\",false]").getBytes(StandardCharsets.UTF_8))
            .toString();
    assertRefused(presenter, s, token(String.join("~", parts)), "invalid_disclosure");
  }

  @Test
  void whenTheKeyBindingCarriesAnotherNonceThenTheResponseIsRefused() throws Exception {
    HolderPresenter presenter = presenter();
    HolderPresenter.HeldCredential held = held(issue("dec", "QC-1990-000123", "proof_of_age"));
    Started s = start(presenter);
    AuthorizationRequest r = s.request();
    AuthorizationRequest otherNonce =
        new AuthorizationRequest(
            r.clientId(),
            r.certificate(),
            r.responseUri(),
            r.responseMode(),
            "another-nonce",
            r.state(),
            r.dcqlQuery(),
            r.encryptionKey(),
            r.encValues(),
            r.names(),
            r.purposes(),
            r.expiresAt());
    assertRefused(
        presenter,
        s,
        presenter.vpToken(otherNonce, presenter.match(r, List.of(held))),
        "nonce_mismatch");
  }

  @Test
  void whenTheSameResponseIsPostedTwiceThenTheSecondIsRefusedAndTheResultStaysAccepted()
      throws Exception {
    HolderPresenter presenter = presenter();
    HolderPresenter.HeldCredential held = held(issue("dec", "QC-1990-000123", "proof_of_age"));
    Started s = start(presenter);
    Map<String, List<String>> vp =
        presenter.vpToken(s.request(), presenter.match(s.request(), List.of(held)));
    presenter.respond(s.request(), vp);

    OpenId4VpException e =
        catchThrowableOfType(OpenId4VpException.class, () -> presenter.respond(s.request(), vp));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("replayed");
    assertThat(saq.result(saqToken(), s.tx().transactionId(), null).accepted()).isTrue();

    Started other = start(presenter);
    OpenId4VpException elsewhere =
        catchThrowableOfType(
            OpenId4VpException.class, () -> presenter.respond(other.request(), vp));
    assertThat(elsewhere.getMessage()).as("bound to the first nonce").contains("nonce_mismatch");
  }

  @Test
  void whenTheTransactionHasExpiredThenTheResponseIsRefused() throws Exception {
    HolderPresenter presenter = presenter();
    HolderPresenter.HeldCredential held = held(issue("dec", "QC-1990-000123", "proof_of_age"));
    VerifierClient.Transaction tx =
        saq.create(
            saqToken(),
            ageQuery(),
            new VerifierClient.Options("direct_post.jwt", null, Duration.ofSeconds(1)));
    AuthorizationRequest request = presenter.resolve(tx.deepLink());
    Map<String, List<String>> vp =
        presenter.vpToken(request, presenter.match(request, List.of(held)));
    Thread.sleep(1300);

    OpenId4VpException e =
        catchThrowableOfType(OpenId4VpException.class, () -> presenter.respond(request, vp));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("transaction_expired");
    assertThat(saq.result(saqToken(), tx.transactionId(), null).status()).isEqualTo("expired");
    assertThat(get(URI.create(tx.requestUri()).getPath()).statusCode()).isEqualTo(404);
  }

  @Test
  void whenTheCredentialIsRevokedThenTheResponseIsRefused() throws Exception {
    // saaq's status list is fetched by the verifier for the first time here (cached afterwards)
    Issued issued = issue("saaq", "L1234-567890-01", "proof_of_age");
    revoke("saaq", "L1234-567890-01", issued.key());
    HolderPresenter presenter = presenter();
    Started s = start(presenter);
    assertRefused(
        presenter,
        s,
        presenter.vpToken(s.request(), presenter.match(s.request(), List.of(held(issued)))),
        "credential_revoked");
  }

  @Test
  void whenTheCredentialHasExpiredThenTheResponseIsRefused() throws Exception {
    SigningIdentity dec = issuers.signingIdentity(issuers.find("dec").orElseThrow());
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    Instant issuedAt =
        Instant.now().minus(Duration.ofDays(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String credential =
        sign(dec, issuerId("dec"), key, issuedAt, issuedAt.plus(Duration.ofDays(5)));
    SdJwtHolder pastHolder =
        new SdJwtHolder(
            VerifierOptions.builder(
                    new X5cChainResolver(
                        X5cChainResolver.anchorsOf(List.of(root())), Clock.systemUTC()))
                .clock(Clock.fixed(issuedAt.plusSeconds(3600), ZoneOffset.UTC))
                .build());
    HolderPresenter.HeldCredential held =
        new HolderPresenter.HeldCredential(
            pastHolder.accept(credential), new ECDSASigner(key), JWSAlgorithm.ES256);
    HolderPresenter presenter = presenter();
    Started s = start(presenter);
    assertRefused(
        presenter,
        s,
        presenter.vpToken(s.request(), presenter.match(s.request(), List.of(held))),
        "credential_expired");
  }

  @Test
  void whenTheIssuerIsNotTrustedThenTheResponseIsRefused() throws Exception {
    KeyPair caKeys = Certificates.newP256KeyPair();
    Instant now = Instant.now();
    X509Certificate foreignRoot =
        Certificates.rootCertificate(caKeys, "Foreign CA", now, Duration.ofDays(10));
    KeyPair issuerKeys = Certificates.newP256KeyPair();
    // claims to be the dec issuer, but chains to another root
    X509Certificate cert =
        Certificates.issuerCertificate(
            issuerKeys.getPublic(),
            "Faux DEC",
            URI.create(issuerId("dec")),
            foreignRoot,
            caKeys.getPrivate(),
            now,
            Duration.ofDays(10));
    SigningIdentity forged =
        new SigningIdentity(
            "forged",
            (java.security.interfaces.ECPrivateKey) issuerKeys.getPrivate(),
            List.of(cert, foreignRoot));
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    Instant iat = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String credential = sign(forged, issuerId("dec"), key, iat, iat.plus(Duration.ofDays(1)));
    SdJwtHolder naive =
        new SdJwtHolder(
            VerifierOptions.builder(
                    new X5cChainResolver(
                        X5cChainResolver.anchorsOf(List.of(foreignRoot)), Clock.systemUTC()))
                .build());
    HolderPresenter.HeldCredential held =
        new HolderPresenter.HeldCredential(
            naive.accept(credential), new ECDSASigner(key), JWSAlgorithm.ES256);
    HolderPresenter presenter = presenter();
    Started s = start(presenter);
    assertRefused(
        presenter,
        s,
        presenter.vpToken(s.request(), presenter.match(s.request(), List.of(held))),
        "untrusted_issuer");
  }

  @Test
  void whenTheKeyBindingIsSignedByAnotherKeyThenTheResponseIsRefused() throws Exception {
    HolderPresenter presenter = presenter();
    HolderPresenter.HeldCredential held = held(issue("dec", "QC-1990-000123", "proof_of_age"));
    HolderPresenter.HeldCredential thief =
        new HolderPresenter.HeldCredential(
            held.held(),
            new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate()),
            JWSAlgorithm.ES256);
    Started s = start(presenter);
    assertRefused(
        presenter,
        s,
        presenter.vpToken(s.request(), presenter.match(s.request(), List.of(thief))),
        "holder_binding_failed");
  }

  @Test
  void whenTheResponseDisclosesMoreThanAskedThenItIsRefused() throws Exception {
    HolderPresenter presenter = presenter();
    HolderPresenter.HeldCredential held = held(issue("dec", "QC-1990-000123", "proof_of_age"));
    Started s = start(presenter);
    DcqlMatcher.Match<HolderPresenter.HeldCredential> generous =
        new DcqlMatcher.Match<>(
            "age",
            new DcqlMatcher.Candidate<>(held.vct(), held.held().claims(), held),
            List.of(ClaimPath.of("age_over_18"), ClaimPath.of("age_over_65")));
    assertRefused(
        presenter, s, presenter.vpToken(s.request(), List.of(generous)), "query_mismatch");
  }

  @Test
  void whenTheResponseLacksTheRequestedClaimThenItIsRefused() throws Exception {
    HolderPresenter presenter = presenter();
    HolderPresenter.HeldCredential held = held(issue("dec", "QC-1990-000123", "proof_of_age"));
    Started s = start(presenter);
    DcqlMatcher.Match<HolderPresenter.HeldCredential> stingy =
        new DcqlMatcher.Match<>(
            "age", new DcqlMatcher.Candidate<>(held.vct(), held.held().claims(), held), List.of());
    assertRefused(presenter, s, presenter.vpToken(s.request(), List.of(stingy)), "query_mismatch");
  }

  @Test
  void whenTheRequestObjectIsUnsignedOrWronglySignedThenTheHolderRefusesIt() throws Exception {
    VerifierClient.Transaction tx =
        saq.create(saqToken(), ageQuery(), VerifierClient.Options.defaults());
    String jwt = get(URI.create(tx.requestUri()).getPath()).body();
    RequestObjectVerifier verifier = new RequestObjectVerifier(List.of(root()), Clock.systemUTC());
    assertThat(verifier.verify(jwt, tx.clientId()).nonce()).isNotBlank();

    SignedJWT signed = SignedJWT.parse(jwt);
    String unsigned = new PlainJWT(signed.getJWTClaimsSet()).serialize();
    assertThat(
            catchThrowableOfType(
                    OpenId4VpException.class, () -> verifier.verify(unsigned, tx.clientId()))
                .reason())
        .isEqualTo(OpenId4VpException.Reason.REQUEST_NOT_SIGNED);

    // same header (x5c) and claims, signed by another key
    SignedJWT resigned = new SignedJWT(signed.getHeader(), signed.getJWTClaimsSet());
    resigned.sign(new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate()));
    assertThat(
            catchThrowableOfType(
                    OpenId4VpException.class,
                    () -> verifier.verify(resigned.serialize(), tx.clientId()))
                .reason())
        .isEqualTo(OpenId4VpException.Reason.REQUEST_SIGNATURE_INVALID);

    // a payload changed after signing
    String[] parts = jwt.split("\\.");
    String tampered =
        parts[0]
            + "."
            + Base64URL.encode(
                signed.getPayload().toString().replace(tx.clientId().substring(10), "x"))
            + "."
            + parts[2];
    assertThat(
            catchThrowableOfType(OpenId4VpException.class, () -> verifier.verify(tampered, null))
                .reason())
        .isEqualTo(OpenId4VpException.Reason.REQUEST_SIGNATURE_INVALID);

    // a holder trusting another root does not trust this verifier
    KeyPair other = Certificates.newP256KeyPair();
    RequestObjectVerifier elsewhere =
        new RequestObjectVerifier(
            List.of(
                Certificates.rootCertificate(other, "Other", Instant.now(), Duration.ofDays(1))),
            Clock.systemUTC());
    assertThat(
            catchThrowableOfType(
                    OpenId4VpException.class, () -> elsewhere.verify(jwt, tx.clientId()))
                .reason())
        .isEqualTo(OpenId4VpException.Reason.UNTRUSTED_VERIFIER);
    assertThat(
            catchThrowableOfType(
                    OpenId4VpException.class, () -> verifier.verify(jwt, "x509_hash:other"))
                .reason())
        .isEqualTo(OpenId4VpException.Reason.CLIENT_ID_MISMATCH);
  }

  private static String sign(
      SigningIdentity identity, String iss, ECKey holder, Instant iat, Instant exp) {
    SdJwtVcIssuer issuer =
        new SdJwtVcIssuer(
            SdJwtIssuer.builder(identity.signer())
                .type(SdJwtVc.TYPE)
                .x509CertChain(List.<Base64>of(identity.x5c().get(0)))
                .build());
    return issuer
        .issue(
            SdJwtVcClaims.builder(vct("proof_of_age"))
                .issuer(iss)
                .issuedAt(iat)
                .expiresAt(exp)
                .holderKey(holder.toPublicJWK())
                .claim("age_over_18", true)
                .claim("age_over_65", false)
                .build(),
            DisclosurePolicy.builder()
                .disclosable("age_over_18")
                .disclosable("age_over_65")
                .build())
        .serialize();
  }
}
