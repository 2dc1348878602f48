package ca.idnum.auth.citizen.password;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes citizens' passwords with Argon2id after NFKC normalisation (NIST SP 800-63B-4 §3.1.1.2),
 * so that a password typed on another keyboard or operating system, composed differently, still
 * matches. Deliberately not a {@link PasswordEncoder} bean: Spring Authorization Server would pick
 * up such a bean for client secrets. Hashes are PHC strings ({@link Argon2Hash}), as Spring
 * Security's {@code Argon2PasswordEncoder} wrote them before.
 *
 * <p>At most {@link #MAX_CONCURRENT} computations run at once (one per core); further logins wait
 * their turn. Each computation holds one of as many {@link Argon2Memory memories}, allocated once
 * and reused (19 MiB each by default): memory stays bounded whatever the burst of logins, and
 * hashing allocates nothing, so the collector neither runs for it nor copies the blocks of the
 * computations in progress. One per core, not more: on 2 cores (JDK 25, 1 GiB heap), 2 threads
 * hashing gave 62-70 hashes/s at 29-32 ms of CPU each, 4 threads gave about 30/s at 65 ms each.
 *
 * <p>Every computation is counted, with the CPU time its thread spent on it ({@link #computations},
 * {@link #cpuNanos}; metrics {@code idnum.password.hashes} and {@code idnum.password.hash.cpu}):
 * what one hash costs on this server, for sizing the parameters, and the login benchmark's
 * in-process ceiling.
 */
public final class PasswordHasher {

  private static final int SALT_LENGTH = 16;
  private static final int HASH_LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** How many Argon2id computations may run at the same time. */
  public static final int MAX_CONCURRENT = Math.max(1, Runtime.getRuntime().availableProcessors());

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();
  private static final LongAdder COMPUTATIONS = new LongAdder();
  private static final LongAdder CPU_NANOS = new LongAdder();

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final BlockingQueue<Argon2Memory> memories;
  private final PasswordEncoder encoder = new NormalizingEncoder();

  public PasswordHasher(PasswordProperties.Argon2 cost) {
    this(cost.memoryKib(), cost.iterations(), cost.parallelism());
  }

  private PasswordHasher(int memoryKib, int iterations, int parallelism) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.memories = new ArrayBlockingQueue<>(MAX_CONCURRENT, true);
    addNewMemories();
  }

  /**
   * A hasher with arbitrary (possibly weak) parameters, for tests that exercise the re-hash on
   * login; production code always goes through {@link #PasswordHasher(PasswordProperties.Argon2)}.
   */
  public static PasswordHasher withUncheckedCost(int memoryKib, int iterations, int parallelism) {
    return new PasswordHasher(memoryKib, iterations, parallelism);
  }

  /**
   * Replaces the memories with new ones, laid out in the old generation in the order they are
   * allocated, each block beside the next: call once, when the process has started and before the
   * first logins (the server does on {@code ApplicationReadyEvent}). A full collection right after
   * the allocation does the layout (the collectors' compaction keeps the allocation order);
   * memories that a young collection reached first are copied in the order the collector's threads
   * reach their blocks, scattered, and Argon2id ran 15-40 % slower in them (docs/performance.md,
   * session 12), which is why the memories made with the hasher, during startup, are replaced.
   */
  public void settleMemories() {
    for (int i = 0; i < MAX_CONCURRENT; i++) {
      try {
        memories.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while replacing the hashing memories", e);
      }
    }
    addNewMemories();
    System.gc();
  }

  private void addNewMemories() {
    for (int i = 0; i < MAX_CONCURRENT; i++) {
      memories.add(new Argon2Memory(memoryKib));
    }
  }

  /** NFKC, the normalisation applied before hashing and before every policy check. */
  public static String normalize(String raw) {
    return Normalizer.normalize(raw, Normalizer.Form.NFKC);
  }

  public String hash(CharSequence raw) {
    return encoder.encode(raw);
  }

  /** Constant-time comparison (Argon2 recomputes the hash and compares all bytes). */
  public boolean matches(CharSequence raw, String hash) {
    return encoder.matches(raw, hash);
  }

  /** Argon2id computations (hashes and verifications) run in this process so far. */
  public static long computations() {
    return COMPUTATIONS.sum();
  }

  /**
   * CPU time the computations' threads spent on them so far, in nanoseconds (0 where the JVM does
   * not measure thread CPU time).
   */
  public static long cpuNanos() {
    return CPU_NANOS.sum();
  }

  /**
   * Whether the stored hash used weaker parameters than the configured ones (less memory, fewer
   * iterations, or another Argon2 variant than Argon2id).
   */
  public boolean needsUpgrade(String hash) {
    return encoder.upgradeEncoding(hash);
  }

  /** The same hashing as a Spring Security encoder, for the login's authentication provider. */
  public PasswordEncoder asPasswordEncoder() {
    return encoder;
  }

  /** Runs one computation in one of the memories, waiting for one to be free. */
  private Argon2Hash computed(Function<Argon2Memory, Argon2Hash> computation) {
    Argon2Memory memory;
    try {
      memory = memories.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to hash a password", e);
    }
    long start = CPU_TIME ? THREADS.getCurrentThreadCpuTime() : 0;
    try {
      return computation.apply(memory);
    } finally {
      if (CPU_TIME) {
        CPU_NANOS.add(THREADS.getCurrentThreadCpuTime() - start);
      }
      COMPUTATIONS.increment();
      memories.add(memory);
    }
  }

  private final class NormalizingEncoder implements PasswordEncoder {

    @Override
    public String encode(CharSequence rawPassword) {
      char[] password = normalize(rawPassword.toString()).toCharArray();
      byte[] salt = new byte[SALT_LENGTH];
      RANDOM.nextBytes(salt);
      return computed(
              memory ->
                  Argon2Hash.compute(
                      password, salt, HASH_LENGTH, memoryKib, iterations, parallelism, memory))
          .encoded();
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
      if (rawPassword == null || encodedPassword == null) {
        return false;
      }
      Argon2Hash stored;
      try {
        stored = Argon2Hash.parse(encodedPassword);
      } catch (IllegalArgumentException e) {
        return false;
      }
      char[] password = normalize(rawPassword.toString()).toCharArray();
      return computed(memory -> stored.recompute(password, memory)).sameHashAs(stored);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
      if (encodedPassword == null) {
        return false;
      }
      try {
        Argon2Hash stored = Argon2Hash.parse(encodedPassword);
        return stored.type() != Argon2Parameters.ARGON2_id
            || stored.memoryKib() < memoryKib
            || stored.iterations() < iterations;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }
}
