package ca.idnum.wallet.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ca.idnum.sdk.openid4vp.ClientId;
import ca.idnum.sdk.sdjwt.ClaimPath;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.wallet.config.WalletProperties;
import ca.idnum.wallet.history.PresentationRecord;
import ca.idnum.wallet.issuer.Certificates;
import ca.idnum.wallet.issuer.SigningIdentity;
import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the citizen's history and the audit log receive for an accepted presentation: the holder
 * key's thumbprint, who asked, the claim names (never values), the purpose and the time.
 */
class VerifierServiceHistoryTest {

  private static final Instant NOW = Instant.parse("2026-11-23T18:00:00Z");

  @Test
  void whenAPresentationIsAcceptedThenTheHistoryGetsClaimNamesButNoValues() {
    KeyPair keys = Certificates.newP256KeyPair();
    SigningIdentity identity =
        new SigningIdentity(
            "verifier:saq",
            (ECPrivateKey) keys.getPrivate(),
            List.of(Certificates.rootCertificate(keys, "saq", NOW, Duration.ofDays(1))));
    RelyingBody saq =
        new RelyingBody(
            "saq",
            "Société des alcools du Québec",
            "Société des alcools du Québec",
            "Vérifier que vous avez 18 ans ou plus",
            "Check that you are 18 or older",
            Map.of("urn:vct:age", List.of(ClaimPath.of("age_over_18"))),
            List.of(),
            null,
            identity,
            new ClientId("x509_hash", "abc"));
    VerifierRegistry registry = mock(VerifierRegistry.class);
    when(registry.find("saq")).thenReturn(Optional.of(saq));
    Transaction t =
        new Transaction(
            "tx",
            "req",
            "saq",
            "nonce",
            "state",
            Map.of(),
            "direct_post",
            null,
            NOW,
            NOW.plusSeconds(300),
            null,
            Transaction.PENDING,
            null,
            null,
            null);
    Transactions transactions = mock(Transactions.class);
    when(transactions.byRequest("req")).thenReturn(Optional.of(t));
    when(transactions.claim(t)).thenReturn(true);
    PresentationVerification verification = mock(PresentationVerification.class);
    when(verification.verify(eq(t), anyString(), any()))
        .thenReturn(
            new PresentationVerification.Accepted(
                List.of(
                    Map.of(
                        "credential_query_id", "age",
                        "vct", "urn:vct:age",
                        "issuer", "https://wallet.example/issuers/dec",
                        "status", "VALID",
                        "claims", Map.of("age_over_18", true))),
                List.of("thumbprint-of-holder-key")));
    List<PresentationRecord> history = new ArrayList<>();
    List<AuditEvent> audit = new ArrayList<>();
    VerifierService service =
        new VerifierService(
            registry,
            transactions,
            verification,
            history::add,
            audit::add,
            new VerifierProperties(null, null, null, null, null, null, null),
            walletProperties(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    service.receive("req", Map.of("vp_token", "{}", "state", "state"));

    assertThat(history)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.holderKeyThumbprint()).isEqualTo("thumbprint-of-holder-key");
              assertThat(r.verifierId()).isEqualTo("saq");
              assertThat(r.verifierNameFr()).isEqualTo("Société des alcools du Québec");
              assertThat(r.vct()).isEqualTo("urn:vct:age");
              assertThat(r.claimNames()).containsExactly("age_over_18");
              assertThat(r.purpose()).isEqualTo("Vérifier que vous avez 18 ans ou plus");
              assertThat(r.at()).isEqualTo(NOW);
              assertThat(r.toString()).doesNotContain("true");
            });
    assertThat(audit.stream().map(AuditEvent::type)).contains("presentation.accepted");
    assertThat(audit.get(audit.size() - 1).details()).containsEntry("claims", "age_over_18");
  }

  private static WalletProperties walletProperties() {
    return new WalletProperties(
        URI.create("https://wallet.example"),
        "https://sag.example",
        URI.create("https://sag.example/oauth2/jwks"),
        null,
        null,
        null,
        false,
        null,
        6,
        5,
        null,
        null,
        null,
        null,
        10,
        null,
        Map.of());
  }
}
