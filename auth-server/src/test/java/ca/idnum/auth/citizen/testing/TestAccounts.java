package ca.idnum.auth.citizen.testing;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.password.PasswordHasher;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Test data: unique addresses, accounts stored directly, login over HTTP. */
public final class TestAccounts {

  public static final String PASSWORD = "une phrase de passe assez longue";

  private TestAccounts() {}

  public static String uniqueEmail(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.ca";
  }

  public static CitizenAccount create(
      CitizenAccountRepository accounts, PasswordHasher hasher, String email, String password) {
    CitizenAccount account =
        CitizenAccount.newVerified(
            CitizenId.random(),
            EmailAddress.of(email),
            hasher.hash(password),
            "Alex",
            "Gagnon",
            Optional.of("fr-CA"),
            Instant.now());
    if (!accounts.create(account)) {
      throw new AssertionError("account exists: " + email);
    }
    return account;
  }

  /** Opens the login page and submits the form; returns the response to the POST. */
  public static Browser.Page login(Browser browser, String email, String password) {
    browser.get("/login");
    return browser.submit("/login", Map.of("username", email, "password", password));
  }
}
