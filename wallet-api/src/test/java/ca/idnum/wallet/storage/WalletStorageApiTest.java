package ca.idnum.wallet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.idnum.sdk.openid4vci.IssuerMetadata;
import ca.idnum.sdk.openid4vci.Proofs;
import ca.idnum.sdk.openid4vci.TokenResponse;
import ca.idnum.sdk.sdjwt.SdJwt;
import ca.idnum.sdk.wallet.WalletStorageClient;
import ca.idnum.sdk.wallet.WalletStorageException;
import ca.idnum.wallet.history.PresentationLog;
import ca.idnum.wallet.history.PresentationRecord;
import ca.idnum.wallet.support.TestCredentials;
import ca.idnum.wallet.support.WalletApiTestBase;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The wallet storage API over real HTTP, with the SDK's {@link WalletStorageClient} playing the
 * app, DPoP-bound access tokens signed by the stand-in SAG, and credentials issued by wallet-api
 * itself (authorization code flow tokens).
 */
class WalletStorageApiTest extends WalletApiTestBase {

  private static final String SUBJECT = "QC-1990-000123";
  private static final String AUDIENCE = BASE + "/wallet";

  private final WalletStorageClient storage = new WalletStorageClient(BASE, Clock.systemUTC());

  @Autowired DataSource dataSource;
  @Autowired PresentationLog presentationLog;

  private static TokenResponse walletToken(String subject, ECKey dpopKey) throws Exception {
    return walletToken(subject, dpopKey, "openid idnum:wallet", AUDIENCE);
  }

  private static TokenResponse walletToken(
      String subject, ECKey dpopKey, String scope, String audience) throws Exception {
    return new TokenResponse(
        AUTH.citizenAccessToken(subject, scope, audience, dpopKey.computeThumbprint().toString()),
        "DPoP",
        300,
        dpopKey);
  }

  private static ECKey newKey() throws Exception {
    return new ECKeyGenerator(Curve.P_256).generate();
  }

  /** A credential issued by the dec demo issuer, bound to {@code holderKey}. */
  private String issue(ECKey holderKey) throws Exception {
    ECKey dpopKey = newKey();
    IssuerMetadata metadata = wallet.discover(issuerId("dec"));
    TokenResponse token =
        new TokenResponse(
            AUTH.citizenAccessToken(
                SUBJECT,
                "idnum:vc:identity",
                issuerId("dec"),
                dpopKey.computeThumbprint().toString()),
            "DPoP",
            300,
            dpopKey);
    return wallet.credentials(metadata, token, "identity", List.of(holderKey)).get(0);
  }

  private static String citizen() {
    return "citizen-" + UUID.randomUUID();
  }

  @Test
  void whenADeviceIsRegisteredThenCredentialsAreStoredListedFetchedExportedDeletedAndErased()
      throws Exception {
    String citizen = citizen();
    ECKey device = newKey();
    ECKey holderKey = newKey();
    TokenResponse token = walletToken(citizen, device);
    Map<String, Object> registered =
        storage.registerDevice(token, "Téléphone de Camille", List.of(holderKey));
    assertThat(registered).containsEntry("status", "active").containsEntry("current", true);
    String credential = issue(holderKey);

    Map<String, Object> stored = storage.store(token, credential);
    String id = (String) stored.get("id");
    assertThat(stored)
        .containsEntry("vct", BASE + "/vct/identity")
        .containsEntry("issuer", issuerId("dec"))
        .containsEntry("status", "valid")
        .containsKeys("issuedAt", "expiresAt", "statusList", "storedAt");

    Map<String, Object> list = storage.list(token);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> credentials = (List<Map<String, Object>>) list.get("credentials");
    assertThat(credentials).hasSize(1);
    assertThat(credentials.get(0)).containsEntry("id", id).doesNotContainKey("credential");
    assertThat(list.toString()).doesNotContain("Camille");

    assertThat(storage.get(token, id)).containsEntry("credential", credential);

    Map<String, Object> export = storage.export(token);
    assertThat(export.get("credentials").toString()).contains(credential);
    assertThat(export.get("devices").toString()).contains("Téléphone de Camille");

    storage.delete(token, id);
    WalletStorageException gone =
        catchThrowableOfType(WalletStorageException.class, () -> storage.get(token, id));
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.error()).isEqualTo("not_found");

    assertThat(events(token))
        .containsSubsequence(
            "credential_deleted", "exported", "credential_stored", "device_registered");

    storage.store(token, credential);
    storage.erase(token);
    assertThat(storage.list(token).get("credentials")).asList().isEmpty();
    assertThat(storage.devices(token).get("devices")).asList().isEmpty();
    assertThat(events(token)).containsExactly("erased");
    JdbcClient jdbc = JdbcClient.create(dataSource);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM wallet_citizen_key WHERE citizen_id = :c")
                .param("c", citizen)
                .query(Long.class)
                .single())
        .as("the data key is erased too")
        .isZero();
  }

  @SuppressWarnings("unchecked")
  private List<String> events(TokenResponse token) throws Exception {
    return ((List<Map<String, Object>>) storage.history(token).get("events"))
        .stream().map(e -> (String) e.get("event")).toList();
  }

  @Test
  void whenThereIsNoTokenOrNoOrAWrongDpopProofThen401WithADpopChallenge() throws Exception {
    ECKey device = newKey();
    TokenResponse token = walletToken(citizen(), device);

    HttpResponse<String> none = get("/wallet/credentials");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("DPoP ");

    HttpResponse<String> noProof =
        send(
            HttpRequest.newBuilder(URI.create(BASE + "/wallet/credentials"))
                .header("Authorization", "DPoP " + token.accessToken())
                .GET()
                .build());
    assertThat(noProof.statusCode()).isEqualTo(401);
    assertThat(parse(noProof.body())).containsEntry("error", "invalid_dpop_proof");
    assertThat(noProof.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("DPoP ")
        .contains("error=\"invalid_dpop_proof\"");

    HttpResponse<String> wrongUri =
        send(
            HttpRequest.newBuilder(URI.create(BASE + "/wallet/credentials"))
                .header("Authorization", "DPoP " + token.accessToken())
                .header(
                    "DPoP",
                    Proofs.dpop(
                        device,
                        "GET",
                        BASE + "/wallet/devices",
                        token.accessToken(),
                        Instant.now()))
                .GET()
                .build());
    assertThat(wrongUri.statusCode()).isEqualTo(401);
    assertThat(parse(wrongUri.body())).containsEntry("error", "invalid_dpop_proof");

    HttpResponse<String> bearer =
        send(
            HttpRequest.newBuilder(URI.create(BASE + "/wallet/credentials"))
                .header("Authorization", "Bearer " + token.accessToken())
                .GET()
                .build());
    assertThat(bearer.statusCode()).isEqualTo(401);
    assertThat(parse(bearer.body())).containsEntry("error", "invalid_token");

    TokenResponse otherKey = new TokenResponse(token.accessToken(), "DPoP", 300, newKey());
    WalletStorageException stolen =
        catchThrowableOfType(WalletStorageException.class, () -> storage.list(otherKey));
    assertThat(stolen.status()).isEqualTo(401);
    assertThat(stolen.error()).isEqualTo("invalid_token");
    assertThat(stolen.wwwAuthenticate()).startsWith("DPoP ");
  }

  @Test
  void whenTheTokenLacksTheScopeOrIsForAnotherAudienceThenRefused() throws Exception {
    ECKey device = newKey();
    WalletStorageException scope =
        catchThrowableOfType(
            WalletStorageException.class,
            () -> storage.list(walletToken(citizen(), device, "idnum:vc:identity", AUDIENCE)));
    assertThat(scope.status()).isEqualTo(403);
    assertThat(scope.error()).isEqualTo("insufficient_scope");
    WalletStorageException audience =
        catchThrowableOfType(
            WalletStorageException.class,
            () -> storage.list(walletToken(citizen(), device, "idnum:wallet", issuerId("dec"))));
    assertThat(audience.status()).isEqualTo(401);
    assertThat(audience.error()).isEqualTo("invalid_token");
  }

  @Test
  void whenAnotherCitizensTokenIsUsedThenTheirCredentialsAreNotReachable() throws Exception {
    ECKey holderKey = newKey();
    TokenResponse alice = walletToken(citizen(), newKey());
    storage.registerDevice(alice, "A", List.of(holderKey));
    String id =
        (String) storage.store(alice, TestCredentials.sdJwtVc(holderKey, "urn:t", 0)).get("id");

    TokenResponse bob = walletToken(citizen(), newKey());
    for (var call :
        List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
            () -> storage.get(bob, id), () -> storage.delete(bob, id))) {
      WalletStorageException e = catchThrowableOfType(WalletStorageException.class, call);
      assertThat(e.status()).isEqualTo(404);
      assertThat(e.error()).isEqualTo("not_found");
    }
    assertThat(storage.list(bob).get("credentials")).asList().isEmpty();
    // Bob cannot store a credential bound to Alice's holder key either
    WalletStorageException notHis =
        catchThrowableOfType(
            WalletStorageException.class,
            () -> storage.store(bob, TestCredentials.sdJwtVc(holderKey, "urn:t", 0)));
    assertThat(notHis.error()).isEqualTo("holder_key_not_registered");
    assertThat(storage.get(alice, id)).containsKey("credential");
  }

  @Test
  void whenTheCredentialIsOversizedThen413() throws Exception {
    ECKey holderKey = newKey();
    TokenResponse token = walletToken(citizen(), newKey());
    storage.registerDevice(token, "A", List.of(holderKey));
    WalletStorageException e =
        catchThrowableOfType(
            WalletStorageException.class,
            () -> storage.store(token, TestCredentials.sdJwtVc(holderKey, "urn:t", 70_000)));
    assertThat(e.status()).isEqualTo(413);
    assertThat(e.error()).isEqualTo("credential_too_large");
    WalletStorageException huge =
        catchThrowableOfType(
            WalletStorageException.class,
            () -> storage.store(token, TestCredentials.sdJwtVc(holderKey, "urn:t", 2_000_000)));
    assertThat(huge.status()).isEqualTo(413);
  }

  @Test
  void whenTheQuotaIsUsedUpThen409QuotaExceeded() throws Exception {
    ECKey holderKey = newKey();
    TokenResponse token = walletToken(citizen(), newKey());
    storage.registerDevice(token, "A", List.of(holderKey));
    String credential = TestCredentials.sdJwtVc(holderKey, "urn:t", 0);
    for (int i = 0; i < 5; i++) {
      storage.store(token, credential);
    }
    WalletStorageException e =
        catchThrowableOfType(WalletStorageException.class, () -> storage.store(token, credential));
    assertThat(e.status()).isEqualTo(409);
    assertThat(e.error()).isEqualTo("quota_exceeded");
  }

  @Test
  void whenTheCredentialIsNotAnSdJwtVcOrNotBoundToARegisteredKeyThen400() throws Exception {
    TokenResponse token = walletToken(citizen(), newKey());
    WalletStorageException notVc =
        catchThrowableOfType(
            WalletStorageException.class, () -> storage.store(token, "not a credential"));
    assertThat(notVc.status()).isEqualTo(400);
    assertThat(notVc.error()).isEqualTo("invalid_credential");
    WalletStorageException unknownKey =
        catchThrowableOfType(
            WalletStorageException.class,
            () -> storage.store(token, TestCredentials.sdJwtVc(newKey(), "urn:t", 0)));
    assertThat(unknownKey.status()).isEqualTo(400);
    assertThat(unknownKey.error()).isEqualTo("holder_key_not_registered");
  }

  @Test
  void whenADeviceIsRevokedThenItsTokensAndHolderKeysAreRefused() throws Exception {
    String citizen = citizen();
    ECKey lostPhone = newKey();
    ECKey lostHolderKey = newKey();
    TokenResponse lost = walletToken(citizen, lostPhone);
    String deviceId =
        (String) storage.registerDevice(lost, "Ancien", List.of(lostHolderKey)).get("id");
    TokenResponse newPhone = walletToken(citizen, newKey());
    storage.registerDevice(newPhone, "Nouveau", List.of(newKey()));

    storage.revokeDevice(newPhone, deviceId);

    WalletStorageException token =
        catchThrowableOfType(
            WalletStorageException.class, () -> storage.list(walletToken(citizen, lostPhone)));
    assertThat(token.status()).isEqualTo(401);
    assertThat(token.error()).isEqualTo("device_revoked");
    assertThat(token.wwwAuthenticate()).startsWith("DPoP ").contains("invalid_token");
    WalletStorageException key =
        catchThrowableOfType(
            WalletStorageException.class,
            () -> storage.store(newPhone, TestCredentials.sdJwtVc(lostHolderKey, "urn:t", 0)));
    assertThat(key.status()).isEqualTo(403);
    assertThat(key.error()).isEqualTo("holder_key_revoked");
    assertThat(storage.devices(newPhone).get("devices").toString())
        .contains("revoked")
        .contains("Nouveau");
  }

  @Test
  void whenTheRowsAreReadThenNoCredentialDeviceNameOrHistoryDetailIsInPlaintext() throws Exception {
    String citizen = citizen();
    ECKey holderKey = newKey();
    TokenResponse token = walletToken(citizen, newKey());
    storage.registerDevice(token, "Téléphone secret", List.of(holderKey));
    String credential = issue(holderKey);
    storage.store(token, credential);

    String issuerSigned = SdJwt.parse(credential).issuerSignedJwt();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    List<byte[]> cells = new java.util.ArrayList<>();
    for (String column : List.of("metadata", "content")) {
      cells.addAll(
          jdbc.sql("SELECT " + column + " FROM wallet_credential WHERE citizen_id = :c")
              .param("c", citizen)
              .query(byte[].class)
              .list());
    }
    cells.addAll(
        jdbc.sql("SELECT name FROM wallet_device WHERE citizen_id = :c")
            .param("c", citizen)
            .query(byte[].class)
            .list());
    cells.addAll(
        jdbc.sql("SELECT details FROM wallet_history WHERE citizen_id = :c")
            .param("c", citizen)
            .query(byte[].class)
            .list());
    assertThat(cells).hasSizeGreaterThanOrEqualTo(5);
    for (byte[] cell : cells) {
      String text = new String(cell, StandardCharsets.ISO_8859_1);
      assertThat(text)
          .doesNotContain(issuerSigned.substring(0, 40))
          .doesNotContain(issuerSigned.substring(issuerSigned.length() - 40))
          .doesNotContain("/vct/identity")
          .doesNotContain("issuers/dec")
          .doesNotContain("secret")
          .doesNotContain("dc+sd-jwt");
    }
  }

  @Test
  void whenAPresentationIsAcceptedThenItIsInTheHistoryOfTheHolderKeysCitizenOnly()
      throws Exception {
    ECKey holderKey = newKey();
    TokenResponse token = walletToken(citizen(), newKey());
    storage.registerDevice(token, "A", List.of(holderKey));
    presentationLog.presentationAccepted(
        new PresentationRecord(
            holderKey.computeThumbprint().toString(),
            "https://verifier.example",
            "Organisme vérificateur",
            "Verifying body",
            "urn:idnum:vct:proof_of_age:1",
            List.of("age_over_18"),
            "Vérifier l'âge",
            Instant.now()));
    presentationLog.presentationAccepted(
        new PresentationRecord(
            "unknown-thumbprint",
            "https://verifier.example",
            null,
            null,
            null,
            List.of("x"),
            null,
            Instant.now()));

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events =
        (List<Map<String, Object>>) storage.history(token).get("events");
    assertThat(events.get(0)).containsEntry("event", "presentation");
    assertThat(events.get(0).get("details").toString())
        .contains("age_over_18")
        .contains("Organisme vérificateur")
        .contains("Vérifier l'âge");
    assertThat(events).hasSize(2);
  }

  @Test
  void whenHolderKeysAreAddedThenCredentialsBoundToThemAreAcceptedAndAKeyIsRegisteredOnce()
      throws Exception {
    TokenResponse token = walletToken(citizen(), newKey());
    String deviceId = (String) storage.registerDevice(token, "A", List.of(newKey())).get("id");
    ECKey added = newKey();
    Map<String, Object> device = storage.addHolderKeys(token, deviceId, List.of(added));
    assertThat(device.get("holderKeys")).asList().hasSize(2);
    assertThat(storage.store(token, TestCredentials.sdJwtVc(added, "urn:t", 0))).containsKey("id");

    TokenResponse other = walletToken(citizen(), newKey());
    WalletStorageException inUse =
        catchThrowableOfType(
            WalletStorageException.class, () -> storage.registerDevice(other, "B", List.of(added)));
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.error()).isEqualTo("holder_key_in_use");
    WalletStorageException twice =
        catchThrowableOfType(
            WalletStorageException.class,
            () -> storage.registerDevice(token, "A again", List.of()));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.error()).isEqualTo("device_already_registered");
    WalletStorageException notMine =
        catchThrowableOfType(
            WalletStorageException.class,
            () -> storage.addHolderKeys(other, deviceId, List.of(newKey())));
    assertThat(notMine.status()).isEqualTo(404);
  }

  @Test
  void whenTheRequestIsMalformedThen400InTheSpecShape() throws Exception {
    TokenResponse token = walletToken(citizen(), newKey());
    WalletStorageException noKeys =
        catchThrowableOfType(
            WalletStorageException.class, () -> storage.registerDevice(token, "", List.of()));
    assertThat(noKeys.status()).isEqualTo(400);
    assertThat(noKeys.error()).isEqualTo("invalid_request");
    WalletStorageException badId =
        catchThrowableOfType(WalletStorageException.class, () -> storage.get(token, "nope"));
    assertThat(badId.status()).isEqualTo(404);
  }
}
