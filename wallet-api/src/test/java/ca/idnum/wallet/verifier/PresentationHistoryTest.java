package ca.idnum.wallet.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.openid4vci.TokenResponse;
import ca.idnum.sdk.openid4vp.AuthorizationRequest;
import ca.idnum.sdk.openid4vp.HolderPresenter;
import ca.idnum.sdk.openid4vp.VerifierClient;
import ca.idnum.sdk.wallet.WalletStorageClient;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Citizen transparency end to end: the wallet app registers its holder key through the wallet
 * storage API, presents {@code age_over_18} to a relying body through the verifier service, and the
 * citizen's history (listed through the wallet API) names who asked, for which claim and why —
 * never the value.
 */
class PresentationHistoryTest extends PresentationTestSupport {

  private final WalletStorageClient storage = new WalletStorageClient(BASE, Clock.systemUTC());

  @Test
  void whenACitizenPresentsToARelyingBodyThenTheirWalletHistoryShowsWhoAskedForWhatAndWhy()
      throws Exception {
    ECKey device = new ECKeyGenerator(Curve.P_256).generate();
    TokenResponse wallet =
        new TokenResponse(
            AUTH.citizenAccessToken(
                "citizen-" + UUID.randomUUID(),
                "openid idnum:wallet",
                BASE + "/wallet",
                device.computeThumbprint().toString()),
            "DPoP",
            300,
            device);
    Issued issued = issue("dec", "QC-1990-000123", "proof_of_age");
    storage.registerDevice(wallet, "Téléphone", List.of(issued.key()));

    VerifierClient.Transaction tx =
        saq.create(saqToken(), ageQuery(), VerifierClient.Options.defaults());
    HolderPresenter presenter = presenter();
    AuthorizationRequest request = presenter.resolve(tx.deepLink());
    presenter.respond(
        request, presenter.vpToken(request, presenter.match(request, List.of(held(issued)))));
    assertThat(saq.result(saqToken(), tx.transactionId(), null).accepted()).isTrue();

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events =
        (List<Map<String, Object>>) storage.history(wallet).get("events");
    Map<String, Object> presentation =
        events.stream()
            .filter(e -> "presentation".equals(e.get("event")))
            .findFirst()
            .orElseThrow();
    String details = presentation.get("details").toString();
    assertThat(details)
        .contains("age_over_18")
        .contains("Société des alcools du Québec")
        .contains("18 ans");
    assertThat(details).as("claim names only, never values").doesNotContain("true");
  }
}
