package ca.idnum.auth.citizen.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashingCeilingTest {

  @Test
  void whenTheCeilingRunsThenItPrintsOneTableRowOfHashesWithTheirRateLatenciesAndCpu()
      throws InterruptedException {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      HashingCeiling.main(new String[] {"--seconds", "1", "--warmup", "0"});
    } finally {
      System.setOut(out);
    }
    // other lines may come from the logs of contexts that earlier tests left running
    assertThat(printed.toString(StandardCharsets.UTF_8).lines())
        .filteredOn(line -> line.startsWith("| argon2 "))
        .singleElement()
        .asString()
        .matches(
            "\\| argon2 \\| [1-9]\\d* \\| \\d+ \\| [\\d.]+ \\| [\\d.]+ \\| 0 \\| — \\| [\\d.]+ \\|");
  }
}
