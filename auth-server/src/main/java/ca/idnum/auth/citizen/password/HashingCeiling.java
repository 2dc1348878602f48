package ca.idnum.auth.citizen.password;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling for logins on this machine, for {@code scripts/bench-auth.sh}: Argon2id hashes with
 * the server's own hasher and default parameters, one thread per core, in a process of its own (no
 * Spring context), run from the server's jar:
 *
 * <pre>{@code
 * java -cp idnum-auth-server.jar -Dloader.main=ca.idnum.auth.citizen.password.HashingCeiling \
 *     org.springframework.boot.loader.launch.PropertiesLauncher [--seconds S] [--warmup S]
 * }</pre>
 *
 * <p>Prints one Markdown table row: {@code | argon2 | hashes | per second | p50 ms | p99 ms |
 * errors | — | CPU ms per hash |}, the CPU being this process's (user + system) during the measured
 * seconds.
 */
public final class HashingCeiling {

  private HashingCeiling() {}

  public static void main(String[] args) throws InterruptedException {
    int seconds = 20;
    int warmup = 15;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    PasswordHasher hasher =
        new PasswordHasher(
            new PasswordProperties.Argon2(
                PasswordProperties.Argon2.MIN_MEMORY_KIB,
                PasswordProperties.Argon2.MIN_ITERATIONS,
                PasswordProperties.Argon2.MIN_PARALLELISM));
    hasher.settleMemories();
    run(hasher, warmup);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long[] latencies = run(hasher, seconds);
    cpu = os.getProcessCpuTime() - cpu;
    int n = latencies.length;
    System.out.printf(
        Locale.ROOT,
        "| argon2 | %d | %.0f | %.2f | %.2f | 0 | — | %.2f |%n",
        n,
        n / (double) seconds,
        percentile(latencies, 50),
        percentile(latencies, 99),
        cpu / 1e6 / Math.max(1, n));
  }

  /** Hashes on one thread per core for {@code seconds}; the latencies in nanoseconds, sorted. */
  private static long[] run(PasswordHasher hasher, int seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<long[]> perThread = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < PasswordHasher.MAX_CONCURRENT; t++) {
      Thread thread =
          new Thread(
              () -> {
                List<Long> mine = new ArrayList<>();
                while (System.nanoTime() < end) {
                  long start = System.nanoTime();
                  hasher.hash("correct horse battery staple");
                  mine.add(System.nanoTime() - start);
                }
                perThread.add(mine.stream().mapToLong(Long::longValue).toArray());
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
  }

  private static double percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }
}
