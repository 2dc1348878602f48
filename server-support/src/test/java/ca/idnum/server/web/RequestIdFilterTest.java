package ca.idnum.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestIdFilterTest {

  private String run(String header, MockHttpServletResponse response) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
    if (header != null) {
      request.addHeader(RequestIdFilter.HEADER, header);
    }
    AtomicReference<String> seen = new AtomicReference<>();
    FilterChain chain = (req, res) -> seen.set(MDC.get(RequestIdFilter.MDC_KEY));
    new RequestIdFilter().doFilter(request, response, chain);
    assertThat(MDC.get(RequestIdFilter.MDC_KEY)).isNull();
    assertThat(response.getHeader(RequestIdFilter.HEADER)).isEqualTo(seen.get());
    return seen.get();
  }

  @Test
  void whenTheCallerGivesAPlainIdThenItIsKeptInTheLogContextAndEchoed() throws Exception {
    assertThat(run("lb-1234.abc:9", new MockHttpServletResponse())).isEqualTo("lb-1234.abc:9");
  }

  @Test
  void whenNoIdOrAnUnsafeOneIsGivenThenANewOneIsMade() throws Exception {
    String fresh = run(null, new MockHttpServletResponse());
    assertThat(fresh).matches("[0-9a-f-]{36}");
    String replaced = run("bad id\r\ninjected", new MockHttpServletResponse());
    assertThat(replaced).matches("[0-9a-f-]{36}");
    assertThat(run("x".repeat(65), new MockHttpServletResponse())).matches("[0-9a-f-]{36}");
  }
}
