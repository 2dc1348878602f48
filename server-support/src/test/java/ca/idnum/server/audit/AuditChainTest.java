package ca.idnum.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditChainTest {

  @Test
  void detailsAreCanonicalAndRoundTrip() {
    Map<String, String> details = Map.of("z", "1", "a", "é\"\\\u0001\n", "m", "");
    String json = AuditChain.detailsJson(details);
    assertThat(json).isEqualTo("{\"a\":\"é\\\"\\\\\\u0001\\n\",\"m\":\"\",\"z\":\"1\"}");
    assertThat(AuditChain.parseDetails(json)).isEqualTo(details);
    assertThat(AuditChain.parseDetails("{}")).isEmpty();
  }

  @Test
  void malformedDetailsAreRefused() {
    for (String bad : new String[] {"", "{", "{\"a\":1}", "{\"a\":\"b\"}x", "[]", "{\"a\"}"}) {
      assertThatThrownBy(() -> AuditChain.parseDetails(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void everyFieldChangesTheHash() {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    String base = AuditChain.hash(1, "t", at, "c", "k", "{}", AuditChain.GENESIS);
    assertThat(base).hasSize(64);
    assertThat(AuditChain.hash(2, "t", at, "c", "k", "{}", AuditChain.GENESIS)).isNotEqualTo(base);
    assertThat(AuditChain.hash(1, "u", at, "c", "k", "{}", AuditChain.GENESIS)).isNotEqualTo(base);
    assertThat(AuditChain.hash(1, "t", at.plusMillis(1), "c", "k", "{}", AuditChain.GENESIS))
        .isNotEqualTo(base);
    assertThat(AuditChain.hash(1, "t", at, null, "k", "{}", AuditChain.GENESIS)).isNotEqualTo(base);
    assertThat(AuditChain.hash(1, "t", at, "c", null, "{}", AuditChain.GENESIS)).isNotEqualTo(base);
    assertThat(AuditChain.hash(1, "t", at, "c", "k", "{\"a\":\"b\"}", AuditChain.GENESIS))
        .isNotEqualTo(base);
    assertThat(AuditChain.hash(1, "t", at, "c", "k", "{}", "1".repeat(64))).isNotEqualTo(base);
  }
}
