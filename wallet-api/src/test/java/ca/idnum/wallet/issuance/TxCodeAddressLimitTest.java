package ca.idnum.wallet.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.idnum.sdk.openid4vci.CredentialOffer;
import ca.idnum.sdk.openid4vci.IssuerMetadata;
import ca.idnum.sdk.openid4vci.OpenId4VciException;
import ca.idnum.wallet.support.WalletApiTestBase;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Guessing transaction codes across many offers from one address is stopped too. */
class TxCodeAddressLimitTest extends WalletApiTestBase {

  @Autowired TxCodeAttempts attempts;
  @Autowired TxCodeAddressLimit limit;

  @AfterEach
  void forgetTheTestAddress() {
    attempts.forget("127.0.0.1");
    attempts.forget("0:0:0:0:0:0:0:1");
  }

  record Offer(CredentialOffer offer, IssuerMetadata metadata, String txCode) {}

  Offer newOffer() throws Exception {
    Map<String, Object> created =
        createOffer("dec", "QC-1955-000042", List.of("proof_of_age"), true);
    CredentialOffer offer =
        CredentialOffer.parse((Map<String, Object>) created.get("credentialOffer"));
    return new Offer(
        offer, wallet.discover(offer.credentialIssuer()), (String) created.get("txCode"));
  }

  OpenId4VciException tokenError(Offer o, String txCode) {
    return catchThrowableOfType(
        OpenId4VciException.class,
        () ->
            wallet.preAuthorizedToken(
                o.metadata(), o.offer(), txCode, new ECKeyGenerator(Curve.P_256).generate()));
  }

  @Test
  void whenOneAddressSendsTooManyWrongCodesAcrossOffersThenEvenARightCodeGets429UntilTheWindowEnds()
      throws Exception {
    int failures = 0;
    while (failures < limit.maxFailures()) {
      Offer o = newOffer();
      String wrong = o.txCode().equals("000000") ? "111111" : "000000";
      for (int i = 0; i < 5 && failures < limit.maxFailures(); i++, failures++) {
        assertThat(tokenError(o, wrong).error()).isEqualTo("invalid_grant");
      }
    }

    Offer fresh = newOffer();
    OpenId4VciException blocked = tokenError(fresh, fresh.txCode());

    assertThat(blocked.status()).isEqualTo(429);
    assertThat(blocked.error()).isEqualTo("invalid_request");
    forgetTheTestAddress();
    assertThat(tokenError(fresh, fresh.txCode()))
        .as("the offer itself was not burnt by the address block")
        .isNull();
  }
}
