package ca.idnum.auth.citizen.password;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.text.Normalizer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes citizens' passwords with Argon2id after NFKC normalisation (NIST SP 800-63B-4 §3.1.1.2),
 * so that a password typed on another keyboard or operating system, composed differently, still
 * matches. Deliberately not a {@link PasswordEncoder} bean: Spring Authorization Server would pick
 * up such a bean for client secrets.
 *
 * <p>At most {@link #MAX_CONCURRENT} hashes run at once (one per core); further logins wait their
 * turn. Each Argon2id computation holds its whole memory cost (19 MiB by default), so without this
 * bound a burst of logins on every server thread could exhaust the heap; with it, memory stays
 * bounded and throughput stays at what the cores can do. One per core, not more: on 2 cores (JDK
 * 25, 1 GiB heap), 2 threads hashing gave 62-70 hashes/s at 29-32 ms of CPU each, 4 threads gave
 * about 30/s at 65 ms each (the garbage collector copies the live memory blocks of every hash in
 * progress).
 *
 * <p>Every computation is counted, with the CPU time its thread spent on it ({@link #computations},
 * {@link #cpuNanos}; metrics {@code idnum.password.hashes} and {@code idnum.password.hash.cpu}):
 * what one hash costs on this server, for sizing the parameters, and the login benchmark's
 * in-process ceiling.
 */
public final class PasswordHasher {

  private static final int SALT_LENGTH = 16;
  private static final int HASH_LENGTH = 32;

  /** How many Argon2id computations may run at the same time. */
  public static final int MAX_CONCURRENT = Math.max(1, Runtime.getRuntime().availableProcessors());

  private static final Semaphore RUNNING = new Semaphore(MAX_CONCURRENT, true);

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();
  private static final LongAdder COMPUTATIONS = new LongAdder();
  private static final LongAdder CPU_NANOS = new LongAdder();

  private final PasswordEncoder encoder;

  public PasswordHasher(PasswordProperties.Argon2 cost) {
    this(
        new Argon2PasswordEncoder(
            SALT_LENGTH, HASH_LENGTH, cost.parallelism(), cost.memoryKib(), cost.iterations()));
  }

  private PasswordHasher(Argon2PasswordEncoder argon2) {
    this.encoder = new NormalizingEncoder(argon2);
  }

  /**
   * A hasher with arbitrary (possibly weak) parameters, for tests that exercise the re-hash on
   * login; production code always goes through {@link #PasswordHasher(PasswordProperties.Argon2)}.
   */
  public static PasswordHasher withUncheckedCost(int memoryKib, int iterations, int parallelism) {
    return new PasswordHasher(
        new Argon2PasswordEncoder(SALT_LENGTH, HASH_LENGTH, parallelism, memoryKib, iterations));
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

  /** Whether the stored hash used weaker parameters than the configured ones. */
  public boolean needsUpgrade(String hash) {
    return encoder.upgradeEncoding(hash);
  }

  /** The same hashing as a Spring Security encoder, for the login's authentication provider. */
  public PasswordEncoder asPasswordEncoder() {
    return encoder;
  }

  private record NormalizingEncoder(Argon2PasswordEncoder argon2) implements PasswordEncoder {

    @Override
    public String encode(CharSequence rawPassword) {
      String normalized = rawPassword == null ? null : normalize(rawPassword.toString());
      return bounded(() -> argon2.encode(normalized));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
      if (rawPassword == null || encodedPassword == null) {
        return false;
      }
      String normalized = normalize(rawPassword.toString());
      return bounded(() -> argon2.matches(normalized, encodedPassword));
    }

    private static <T> T bounded(Supplier<T> work) {
      try {
        RUNNING.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting to hash a password", e);
      }
      long start = CPU_TIME ? THREADS.getCurrentThreadCpuTime() : 0;
      try {
        return work.get();
      } finally {
        if (CPU_TIME) {
          CPU_NANOS.add(THREADS.getCurrentThreadCpuTime() - start);
        }
        COMPUTATIONS.increment();
        RUNNING.release();
      }
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
      return encodedPassword != null && argon2.upgradeEncoding(encodedPassword);
    }
  }
}
