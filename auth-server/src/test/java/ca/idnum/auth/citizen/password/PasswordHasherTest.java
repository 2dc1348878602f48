package ca.idnum.auth.citizen.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher =
      new PasswordHasher(new PasswordProperties.Argon2(19456, 2, 1));

  @Test
  void whenAPasswordIsHashedThenTheHashIsArgon2idWithTheConfiguredCostAndARandomSalt() {
    String hash = hasher.hash("une phrase de passe assez longue");
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(hasher.hash("une phrase de passe assez longue")).isNotEqualTo(hash);
    assertThat(hasher.matches("une phrase de passe assez longue", hash)).isTrue();
    assertThat(hasher.matches("une phrase de passe assez longuE", hash)).isFalse();
    assertThat(hasher.needsUpgrade(hash)).isFalse();
  }

  @Test
  void whenTheSamePasswordIsTypedInAnotherUnicodeFormThenItMatchesAfterNfkc() {
    String hash = hasher.hash("mot de passe tr\u00e8s long \uff12\uff10\uff12\uff16");
    assertThat(hasher.matches("mot de passe tre\u0300s long 2026", hash)).isTrue();
  }

  @Test
  void whenTheStoredHashUsedALowerCostThenItNeedsAnUpgrade() {
    String weak = PasswordHasher.withUncheckedCost(4096, 1, 1).hash("une phrase de passe");
    assertThat(hasher.needsUpgrade(weak)).isTrue();
    assertThat(hasher.matches("une phrase de passe", weak)).isTrue();
  }

  @Test
  void whenPasswordsAreHashedAndVerifiedThenEachComputationAndItsCpuTimeAreCounted() {
    long computations = PasswordHasher.computations();
    long cpu = PasswordHasher.cpuNanos();
    String hash = hasher.hash("une phrase de passe assez longue");
    hasher.matches("une phrase de passe assez longue", hash);
    hasher.matches("une autre phrase de passe", hash);
    // other tests may hash in parallel: at least these three
    assertThat(PasswordHasher.computations() - computations).isGreaterThanOrEqualTo(3);
    // 19 MiB, two passes: well over a millisecond of CPU each
    assertThat(PasswordHasher.cpuNanos() - cpu).isGreaterThan(3_000_000L);
  }

  @Test
  void whenTheConfiguredCostIsBelowTheFloorThenConfigurationIsRefused() {
    assertThatThrownBy(() -> new PasswordProperties.Argon2(19455, 2, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PasswordProperties.Argon2(19456, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PasswordProperties(14, 128, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PasswordProperties(15, 63, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
