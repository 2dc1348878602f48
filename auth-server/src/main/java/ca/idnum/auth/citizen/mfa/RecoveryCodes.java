package ca.idnum.auth.citizen.mfa;

import ca.idnum.auth.citizen.CitizenId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ten single-use recovery codes per citizen, shown once when TOTP is enrolled, for when the phone
 * is lost. Each has 50 bits of entropy (ten base32 characters), so a SHA-256 digest is a sufficient
 * hash; a typed code is compared in constant time with every unused digest, then marked used with a
 * conditional update (used once, even on two nodes at the same time).
 */
public final class RecoveryCodes {

  public static final int COUNT = 10;
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public RecoveryCodes(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Replaces the citizen's codes with ten new ones, returned (in clear) to be shown once. */
  public List<String> regenerate(CitizenId citizen) {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      codes.add(newCode());
    }
    transactions.executeWithoutResult(
        tx -> {
          remove(citizen);
          for (String code : codes) {
            jdbc.sql("INSERT INTO citizen_recovery_code (citizen_id, code_hash) VALUES (?, ?)")
                .param(citizen.value())
                .param(digest(code))
                .update();
          }
        });
    return codes;
  }

  public void remove(CitizenId citizen) {
    jdbc.sql("DELETE FROM citizen_recovery_code WHERE citizen_id = ?")
        .param(citizen.value())
        .update();
  }

  public int remaining(CitizenId citizen) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM citizen_recovery_code WHERE citizen_id = ? AND used_at IS NULL")
        .param(citizen.value())
        .query(Long.class)
        .single()
        .intValue();
  }

  /** Uses a code: true once for each unused code of this citizen. */
  public boolean use(CitizenId citizen, String typed) {
    if (typed == null || typed.length() > 40) {
      return false;
    }
    String normalized = typed.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    byte[] given = digest(normalized).getBytes(StandardCharsets.US_ASCII);
    List<String> unused =
        jdbc.sql(
                "SELECT code_hash FROM citizen_recovery_code"
                    + " WHERE citizen_id = ? AND used_at IS NULL")
            .param(citizen.value())
            .query(String.class)
            .list();
    String match = null;
    for (String hash : unused) {
      if (MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII), given)) {
        match = hash;
      }
    }
    if (match == null) {
      return false;
    }
    return jdbc.sql(
                "UPDATE citizen_recovery_code SET used_at = ?"
                    + " WHERE citizen_id = ? AND code_hash = ? AND used_at IS NULL")
            .param(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
            .param(citizen.value())
            .param(match)
            .update()
        == 1;
  }

  private static String newCode() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /** How a code is shown: two groups of five. */
  public static String display(String code) {
    return code.substring(0, 5) + "-" + code.substring(5);
  }

  private static String digest(String code) {
    String normalized = code.replace("-", "").toUpperCase(Locale.ROOT);
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(normalized.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
