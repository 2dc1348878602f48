package ca.idnum.auth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class MetricsAccessTest {

  static final String TOKEN = "metrics-token-for-tests-0123456789abcdef";

  static MockHttpServletRequest scrape(String from, String authorization) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
    request.setRemoteAddr(from);
    if (authorization != null) {
      request.addHeader("Authorization", authorization);
    }
    return request;
  }

  @Test
  void whenLoopbackIsAllowedThenOnlyThisMachineScrapesWithoutAToken() {
    MetricsAccess access = new MetricsAccess("", true);
    assertThat(access.permits(scrape("127.0.0.1", null))).isTrue();
    assertThat(access.permits(scrape("0:0:0:0:0:0:0:1", null))).isTrue();
    assertThat(access.permits(scrape("203.0.113.5", null))).isFalse();
    assertThat(access.permits(scrape("10.0.0.8", "Bearer anything-at-all"))).isFalse();
  }

  @Test
  void whenATokenIsConfiguredThenItOpensTheMetricsFromAnywhere() {
    MetricsAccess access = new MetricsAccess(TOKEN, false);
    assertThat(access.permits(scrape("203.0.113.5", "Bearer " + TOKEN))).isTrue();
    assertThat(access.permits(scrape("203.0.113.5", "bearer " + TOKEN))).isTrue();
    assertThat(access.permits(scrape("203.0.113.5", "Bearer " + TOKEN + "x"))).isFalse();
    assertThat(access.permits(scrape("203.0.113.5", "Basic " + TOKEN))).isFalse();
    assertThat(access.permits(scrape("127.0.0.1", null))).isFalse();
  }

  @Test
  void whenTheTokenIsShortThenTheServerRefusesToStart() {
    assertThatThrownBy(() -> new MetricsAccess("short", false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("IDNUM_METRICS_TOKEN");
  }
}
