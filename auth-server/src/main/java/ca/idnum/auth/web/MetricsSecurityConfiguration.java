package ca.idnum.auth.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The metrics endpoint ({@code /actuator/prometheus}) for Prometheus: reachable without a citizen
 * session, never public. Prometheus sends the bearer token {@code idnum.metrics.token} ({@code
 * IDNUM_METRICS_TOKEN}); on the embedded default a scrape from this machine (loopback) needs no
 * token ({@code idnum.metrics.allow-loopback}, off in production). Anything else gets {@code 401}
 * with {@code WWW-Authenticate: Bearer}. Stateless: no session, no cookie.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsSecurityConfiguration {

  static final String PATH = "/actuator/prometheus";

  @Bean
  @Order(-1)
  SecurityFilterChain metricsSecurityFilterChain(
      HttpSecurity http,
      @Value("${idnum.metrics.token:}") String token,
      @Value("${idnum.metrics.allow-loopback:true}") boolean allowLoopback)
      throws Exception {
    MetricsAccess access = new MetricsAccess(token, allowLoopback);
    http.securityMatcher(PATH)
        .authorizeHttpRequests(authorize -> authorize.anyRequest().access(access))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint((request, response, e) -> unauthorized(response))
                    .accessDeniedHandler((request, response, e) -> unauthorized(response)));
    return http.build();
  }

  private static void unauthorized(HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
  }
}
