package ca.idnum.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time (user + system) a local process has used so far, read from {@code /proc/<pid>/stat}
 * (Linux). Empty when the pid is not given or the file cannot be read.
 */
final class ServerCpu {

  // USER_HZ: the unit of utime and stime in /proc/<pid>/stat (100 on Linux/x86_64 and arm64)
  private static final long TICKS_PER_SECOND = 100;

  private ServerCpu() {}

  static OptionalLong nanos(long pid) {
    if (pid <= 0) {
      return OptionalLong.empty();
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // fields after the command name, which is in parentheses and may contain spaces
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
      return OptionalLong.of(ticks * 1_000_000_000L / TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
