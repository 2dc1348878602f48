package ca.idnum.auth.citizen.password;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password rules ({@code idnum.password.*}). Defaults follow NIST SP 800-63B-4 §3.1.1.2 for a
 * password used as a single factor: at least 15 characters (8 is the floor NIST allows only when
 * the password is one factor of a multi-factor authentication, so lower values are refused here
 * until MFA is mandatory for every login), at most 128 (NIST: the maximum must be at least 64).
 * Argon2id cost: at least m = 19 MiB, t = 2, p = 1 (OWASP's minimum for Argon2id); raising any of
 * them re-hashes each citizen's password at their next login.
 */
@ConfigurationProperties("idnum.password")
public record PasswordProperties(
    @DefaultValue("15") int minLength,
    @DefaultValue("128") int maxLength,
    @DefaultValue Argon2 argon2) {

  public static final int MIN_LENGTH_FLOOR = 15;
  public static final int MAX_LENGTH_FLOOR = 64;

  public PasswordProperties {
    if (minLength < MIN_LENGTH_FLOOR) {
      throw new IllegalArgumentException(
          "idnum.password.min-length must be at least " + MIN_LENGTH_FLOOR);
    }
    if (maxLength < MAX_LENGTH_FLOOR || maxLength < minLength || maxLength > 1024) {
      throw new IllegalArgumentException(
          "idnum.password.max-length must be between max(64, min-length) and 1024");
    }
    if (argon2 == null) {
      argon2 = new Argon2(Argon2.MIN_MEMORY_KIB, Argon2.MIN_ITERATIONS, Argon2.MIN_PARALLELISM);
    }
  }

  /** Argon2id cost parameters. */
  public record Argon2(
      @DefaultValue("19456") int memoryKib,
      @DefaultValue("2") int iterations,
      @DefaultValue("1") int parallelism) {

    public static final int MIN_MEMORY_KIB = 19456;
    public static final int MIN_ITERATIONS = 2;
    public static final int MIN_PARALLELISM = 1;

    public Argon2 {
      if (memoryKib < MIN_MEMORY_KIB || iterations < MIN_ITERATIONS || parallelism < 1) {
        throw new IllegalArgumentException(
            "idnum.password.argon2 must be at least memory-kib=19456, iterations=2,"
                + " parallelism=1");
      }
    }
  }
}
