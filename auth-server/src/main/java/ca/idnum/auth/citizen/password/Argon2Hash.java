package ca.idnum.auth.citizen.password;

import java.security.MessageDigest;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * An Argon2 hash in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>},
 * salt and hash in unpadded standard Base64), as Spring Security's {@code Argon2PasswordEncoder}
 * writes and reads it: the hashes stored before this class verify unchanged. Computed by Bouncy
 * Castle in an {@link Argon2Memory} the caller holds.
 */
record Argon2Hash(
    int type,
    int version,
    int memoryKib,
    int iterations,
    int parallelism,
    byte[] salt,
    byte[] hash) {

  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  /** Argon2id, version 1.3, of {@code password} with these parameters and {@code salt}. */
  static Argon2Hash compute(
      char[] password,
      byte[] salt,
      int hashLength,
      int memoryKib,
      int iterations,
      int parallelism,
      Argon2Memory memory) {
    Argon2Hash parameters =
        new Argon2Hash(
            Argon2Parameters.ARGON2_id,
            Argon2Parameters.ARGON2_VERSION_13,
            memoryKib,
            iterations,
            parallelism,
            salt,
            new byte[hashLength]);
    return parameters.recompute(password, memory);
  }

  /**
   * Parses a stored hash. Throws {@link IllegalArgumentException} when it is not an Argon2 hash in
   * the PHC string format.
   */
  static Argon2Hash parse(String encoded) {
    String[] parts = encoded.split("\\$", -1);
    if (parts.length < 5 || !parts[0].isEmpty()) {
      throw new IllegalArgumentException("not an Argon2 hash");
    }
    int type =
        switch (parts[1]) {
          case "argon2d" -> Argon2Parameters.ARGON2_d;
          case "argon2i" -> Argon2Parameters.ARGON2_i;
          case "argon2id" -> Argon2Parameters.ARGON2_id;
          default -> throw new IllegalArgumentException("not an Argon2 hash");
        };
    int next = 2;
    int version = Argon2Parameters.ARGON2_VERSION_10;
    if (parts[next].startsWith("v=")) {
      version = Integer.parseInt(parts[next].substring(2));
      next++;
    }
    if (parts.length != next + 3) {
      throw new IllegalArgumentException("not an Argon2 hash");
    }
    int memory = -1;
    int iterations = -1;
    int parallelism = -1;
    for (String parameter : parts[next].split(",", -1)) {
      if (parameter.length() < 3) {
        throw new IllegalArgumentException("malformed Argon2 parameter");
      }
      int value = Integer.parseInt(parameter.substring(2));
      switch (parameter.substring(0, 2)) {
        case "m=" -> memory = value;
        case "t=" -> iterations = value;
        case "p=" -> parallelism = value;
        default -> throw new IllegalArgumentException("unknown Argon2 parameter");
      }
    }
    if (memory < 1 || iterations < 1 || parallelism < 1) {
      throw new IllegalArgumentException("incomplete Argon2 parameters");
    }
    byte[] salt = DECODER.decode(parts[next + 1]);
    byte[] hash = DECODER.decode(parts[next + 2]);
    if (hash.length < 4) {
      throw new IllegalArgumentException("Argon2 hash too short");
    }
    return new Argon2Hash(type, version, memory, iterations, parallelism, salt, hash);
  }

  /** The hash of {@code password} with this hash's type, version, parameters, salt and length. */
  Argon2Hash recompute(char[] password, Argon2Memory memory) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(type)
            .withVersion(version)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .withBlockPool(memory)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] result = new byte[hash.length];
    generator.generateBytes(password, result);
    return new Argon2Hash(type, version, memoryKib, iterations, parallelism, salt, result);
  }

  /** Whether both hold the same hash bytes, compared in constant time. */
  boolean sameHashAs(Argon2Hash other) {
    return MessageDigest.isEqual(hash, other.hash);
  }

  String encoded() {
    String name =
        switch (type) {
          case Argon2Parameters.ARGON2_d -> "argon2d";
          case Argon2Parameters.ARGON2_i -> "argon2i";
          default -> "argon2id";
        };
    return "$"
        + name
        + "$v="
        + version
        + "$m="
        + memoryKib
        + ",t="
        + iterations
        + ",p="
        + parallelism
        + "$"
        + ENCODER.encodeToString(salt)
        + "$"
        + ENCODER.encodeToString(hash);
  }
}
