package ca.idnum.auth.citizen.mfa;

import ca.idnum.auth.citizen.email.EmailSender;
import ca.idnum.server.crypto.EnvelopeEncryption;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the second authenticators. Settings: {@code idnum.mfa.fresh-authentication} (how recent the
 * password must be to add or remove an authenticator, default 5 minutes), {@code
 * idnum.mfa.webauthn.rp-id} (the WebAuthn relying party id, default the issuer's host), {@code
 * idnum.mfa.totp-issuer} (the name authenticator apps show, default IdNum).
 */
@Configuration(proxyBeanMethods = false)
public class MfaConfiguration {

  @Bean
  TotpAuthenticators totpAuthenticators(
      JdbcClient jdbc, EnvelopeEncryption encryption, Clock clock) {
    return new TotpAuthenticators(jdbc, encryption, clock);
  }

  @Bean
  RecoveryCodes recoveryCodes(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
    return new RecoveryCodes(jdbc, transactions, clock);
  }

  @Bean
  Passkeys passkeys(JdbcClient jdbc) {
    return new Passkeys(jdbc);
  }

  @Bean
  PasskeyCeremonies passkeyCeremonies(
      Passkeys passkeys,
      Clock clock,
      @Value("${idnum.issuer}") String issuer,
      @Value("${idnum.mfa.webauthn.rp-id:}") String rpId,
      @Value("${idnum.mfa.totp-issuer:IdNum}") String rpName) {
    URI origin = URI.create(issuer);
    String originText =
        origin.getScheme()
            + "://"
            + origin.getHost()
            + (origin.getPort() < 0 ? "" : ":" + origin.getPort());
    return new PasskeyCeremonies(
        passkeys, clock, rpId.isBlank() ? origin.getHost() : rpId, rpName, originText);
  }

  @Bean
  SessionFactors sessionFactors(Clock clock) {
    return new SessionFactors(clock);
  }

  @Bean
  FreshAuthentication freshAuthentication(
      Clock clock, @Value("${idnum.mfa.fresh-authentication:5m}") Duration window) {
    return new FreshAuthentication(clock, window);
  }

  @Bean
  @ConditionalOnMissingBean(AuthenticatorNotifier.class)
  AuthenticatorNotifier authenticatorNotifier(EmailSender sender, MessageSource messages) {
    return new EmailAuthenticatorNotifier(sender, messages);
  }
}
