package ca.idnum.wallet.statuslist;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.statuslist.StatusListKeyResolver;
import ca.idnum.sdk.statuslist.StatusListReference;
import ca.idnum.sdk.statuslist.StatusListToken;
import ca.idnum.sdk.statuslist.StatusListTokenVerifier;
import ca.idnum.sdk.statuslist.TokenStatus;
import ca.idnum.wallet.issuer.Issuer;
import ca.idnum.wallet.issuer.IssuerDirectory;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An issuer never runs out of status indexes: when its newest list is nearly full, the next list is
 * opened; indexes stay unique per list, and a revocation shows in the list that holds the
 * credential, and only there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatusListRolloverTest {

  @DynamicPropertySource
  static void smallLists(DynamicPropertyRegistry registry) throws Exception {
    String dir = Files.createTempDirectory("idnum-rollover").toString();
    registry.add("idnum.data-dir", () -> dir);
    registry.add("idnum.wallet.base-url", () -> "http://localhost:9001");
    registry.add("idnum.wallet.status-list.size", () -> "1024");
  }

  @Autowired StatusListService statusLists;
  @Autowired IssuerDirectory issuers;

  @Test
  void whenTheNewestListFillsUpThenTheNextListIsOpenedAndRevocationsLandInTheRightList()
      throws Exception {
    Issuer issuer = issuers.find("dec").orElseThrow();
    Instant now = Instant.now();
    Set<String> places = new HashSet<>();
    IssuedCredential first = null;
    IssuedCredential last = null;
    for (int i = 0; i < 1500; i++) {
      IssuedCredential c =
          statusLists.allocate(
              issuer,
              "identity",
              "urn:test:vct",
              "subject-" + i,
              "jkt-" + i,
              now,
              now.plus(30, ChronoUnit.DAYS));
      assertThat(places.add(c.statusListId() + "/" + c.statusIdx())).isTrue();
      if (first == null) {
        first = c;
      }
      last = c;
    }
    assertThat(first.statusListId()).isEqualTo(StatusListService.FIRST_LIST);
    assertThat(last.statusListId()).isGreaterThan(StatusListService.FIRST_LIST);

    statusLists.setStatus("dec", List.of(last.id()), TokenStatus.INVALID);

    StatusListTokenVerifier verifier =
        StatusListTokenVerifier.withDefaults(
            StatusListKeyResolver.fixed(
                issuers.signingIdentity(issuer).certificate().getPublicKey()),
            Clock.systemUTC());
    URI lastUri = URI.create(statusLists.listUri(issuer, last.statusListId()));
    StatusListToken lastList =
        verifier.verify(
            statusLists.currentToken(issuer, last.statusListId()).orElseThrow().token(), lastUri);
    assertThat(lastList.statusOf(new StatusListReference(last.statusIdx(), lastUri)))
        .isEqualTo(TokenStatus.INVALID);

    URI firstUri = URI.create(statusLists.listUri(issuer, first.statusListId()));
    StatusListToken firstList =
        verifier.verify(
            statusLists.currentToken(issuer, first.statusListId()).orElseThrow().token(), firstUri);
    assertThat(firstList.statusOf(new StatusListReference(first.statusIdx(), firstUri)))
        .isEqualTo(TokenStatus.VALID);
    assertThat(statusLists.currentToken(issuer, 99)).isEmpty();
  }
}
