package ca.idnum.auth.citizen.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

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
  void whenAHashWasWrittenBySpringSecuritysArgon2EncoderThenItStillVerifiesAndTheReverse() {
    // the encoder that wrote every stored hash before the hasher kept its memory between hashes
    Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);
    String stored = spring.encode("une phrase de passe assez longue");
    assertThat(hasher.matches("une phrase de passe assez longue", stored)).isTrue();
    assertThat(hasher.matches("une phrase de passe assez longuE", stored)).isFalse();
    assertThat(hasher.needsUpgrade(stored)).isFalse();
    String ours = hasher.hash("une phrase de passe assez longue");
    assertThat(spring.matches("une phrase de passe assez longue", ours)).isTrue();
  }

  @Test
  void whenTheStoredHashIsMalformedThenItMatchesNothingAndNothingIsThrown() {
    for (String stored :
        new String[] {
          "",
          "$",
          "$argon2id$",
          "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA",
          "$argon2id$v=19$m=x,t=2,p=1$c2FsdA$aGFzaGhhc2g",
          "$argon2id$v=19$m=19456,t=2$c2FsdA$aGFzaGhhc2g",
          "$argon2id$v=19$m=19456,t=2,p=1,q=3$c2FsdA$aGFzaGhhc2g",
          "$argon2id$v=19$m=19456,t=2,p=1$c2Fsd!!$aGFzaGhhc2g",
          "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGE",
          "$argon2x$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaGhhc2g",
          "$2a$10$abcdefghijklmnopqrstuu5Zr8bY6o9yPq3dM3c8G1O0xZpQ8aA2e",
          "argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaGhhc2g"
        }) {
      assertThat(hasher.matches("une phrase de passe assez longue", stored)).as(stored).isFalse();
      assertThat(hasher.needsUpgrade(stored)).as(stored).isFalse();
    }
    assertThat(hasher.matches("une phrase de passe assez longue", null)).isFalse();
    assertThat(hasher.matches(null, hasher.hash("une phrase de passe assez longue"))).isFalse();
  }

  @Test
  void whenTheStoredHashIsArgon2iThenItVerifiesAndNeedsAnUpgradeToArgon2id() {
    String argon2i =
        Argon2Hash.parse(hasher.hash("une phrase de passe assez longue"))
            .encoded()
            .replace("$argon2id$", "$argon2i$");
    String rehashed =
        Argon2Hash.parse(argon2i)
            .recompute("une phrase de passe assez longue".toCharArray(), new Argon2Memory(19456))
            .encoded();
    assertThat(hasher.matches("une phrase de passe assez longue", rehashed)).isTrue();
    assertThat(hasher.needsUpgrade(rehashed)).isTrue();
  }

  @Test
  void whenAComputationNeedsMoreMemoryThanTheOneHeldThenItGetsTheExcessFreshAndKeepsOnlyItsOwn() {
    Argon2Memory memory = new Argon2Memory(19456);
    int held = memory.available();
    String stronger =
        Argon2Hash.compute(
                "une phrase de passe assez longue".toCharArray(),
                new byte[16],
                32,
                32768,
                2,
                1,
                memory)
            .encoded();
    assertThat(memory.available()).isEqualTo(held);
    assertThat(hasher.matches("une phrase de passe assez longue", stronger)).isTrue();
    assertThat(hasher.needsUpgrade(stronger)).isFalse();
    // a weaker one takes part of the memory and gives all of it back
    Argon2Hash.compute("x".toCharArray(), new byte[16], 32, 4096, 1, 1, memory);
    assertThat(memory.available()).isEqualTo(held);
  }

  @Test
  void whenTheMemoriesAreReplacedOnceStartedThenHashesMadeBeforeStillVerifyInTheNewOnes() {
    String before = hasher.hash("une phrase de passe assez longue");
    hasher.settleMemories();
    assertThat(hasher.matches("une phrase de passe assez longue", before)).isTrue();
    assertThat(
            hasher.matches("une autre phrase de passe", hasher.hash("une autre phrase de passe")))
        .isTrue();
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
