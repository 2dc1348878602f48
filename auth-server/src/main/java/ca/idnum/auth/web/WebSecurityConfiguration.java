package ca.idnum.auth.web;

import ca.idnum.auth.session.CitizenSessionRegistry;
import ca.idnum.auth.session.SessionLogoutHandler;
import ca.idnum.server.audit.AuditLog;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * The default filter chain (order 2): every request the authorization server's chain (order 1:
 * {@code /oauth2/**}, {@code /.well-known/**}, {@code /userinfo}, {@code /connect/**}, {@code
 * /admin/**}) does not take. Citizens log in with a form at {@code /login} (email + password; the
 * saved request brings them back to where they were going, else to {@code /account}) and log out
 * with a POST to {@code /logout}. A login on the way through a relying party's authorization
 * request is answered with that request's answer ({@link ResumeAuthorizationRequest}). CSRF
 * protection is on for every form; pages carry {@link SecurityHeaders}.
 *
 * <p>The login form posts {@code username} (the email address; {@code Authentication.getName()} is
 * then the citizen's UUID) and {@code password}, with the {@code _csrf} token of the page.
 */
@Configuration(proxyBeanMethods = false)
public class WebSecurityConfiguration {

  /**
   * No Micrometer observation per security filter, authentication and authorization: profiling the
   * token endpoint showed the per-filter observations costing about a tenth of the CPU of a grant.
   * Requests are still timed ({@code http.server.requests}) and security events audited and counted
   * by the application's own metrics.
   */
  @Bean
  static org.springframework.security.config.observation.SecurityObservationSettings
      securityObservationSettings() {
    return org.springframework.security.config.observation.SecurityObservationSettings
        .noObservations();
  }

  /**
   * A forward's answer goes out through the response wrappers of the request that forwarded, as
   * Tomcat did before version 11, so that what they add on commit is not lost: Spring Session's
   * cookie when the session id changed, above all, which {@link ResumeAuthorizationRequest} needs
   * (the login changes the session id, then forwards to the authorization endpoint).
   */
  @Bean
  static org.springframework.boot.tomcat.TomcatContextCustomizer forwardsCommitThroughWrappers() {
    return context -> context.setSuspendWrappedResponseAfterForward(false);
  }

  /** Pages and resources anyone may see. */
  static final String[] PUBLIC_PATHS = {
    "/",
    "/login",
    "/register",
    "/register/verify",
    "/password/forgot",
    "/password/reset",
    "/error",
    "/css/**",
    "/js/**",
    "/favicon.ico",
    "/actuator/health",
    "/actuator/health/**",
    "/actuator/info"
  };

  @Bean
  @Order(2)
  SecurityFilterChain citizenWebSecurity(
      HttpSecurity http,
      AuthenticationManager citizenAuthenticationManager,
      @Value("${idnum.web.hsts:false}") boolean hsts,
      CitizenSessionRegistry sessionRegistry,
      SessionLogoutHandler sessionLogoutHandler,
      AuditLog auditLog,
      ca.idnum.auth.assurance.AssuranceLevels assuranceLevels,
      Clock oidcClock)
      throws Exception {
    SavedRequestAwareAuthenticationSuccessHandler toAccount =
        new SavedRequestAwareAuthenticationSuccessHandler();
    toAccount.setDefaultTargetUrl("/account");
    http.authenticationManager(citizenAuthenticationManager)
        .authorizeHttpRequests(
            authorize ->
                authorize
                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(PUBLIC_PATHS)
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(
            form ->
                form.loginPage("/login")
                    .usernameParameter("username")
                    .passwordParameter("password")
                    .successHandler(
                        new CitizenLoginSuccessHandler(
                            new ResumeAuthorizationRequest(toAccount),
                            auditLog,
                            assuranceLevels,
                            oidcClock))
                    .failureHandler(new CitizenLoginFailureHandler(auditLog, oidcClock)))
        // every login session goes to the shared index (device, place, times); a session ended
        // elsewhere (revoked, timed out) is logged out at its next request
        .sessionManagement(
            session ->
                session.sessionConcurrency(
                    concurrency ->
                        concurrency
                            .maximumSessions(-1)
                            .sessionRegistry(sessionRegistry)
                            .expiredUrl("/login?expired")))
        .logout(
            logout ->
                logout
                    .logoutUrl("/logout")
                    .addLogoutHandler(sessionLogoutHandler)
                    .logoutSuccessUrl("/?logout")
                    .deleteCookies("IDNUM_SESSION")
                    .invalidateHttpSession(true))
        .headers(SecurityHeaders.pages(hsts));
    return http.build();
  }
}
