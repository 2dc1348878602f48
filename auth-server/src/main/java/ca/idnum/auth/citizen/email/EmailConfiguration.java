package ca.idnum.auth.citizen.email;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The default {@link EmailSender}, exactly one of:
 *
 * <ul>
 *   <li>SMTP ({@link SmtpEmailSender}) when {@code spring.mail.host} is set (environment {@code
 *       SPRING_MAIL_HOST}, {@code SPRING_MAIL_PORT}, {@code SPRING_MAIL_USERNAME}, {@code
 *       SPRING_MAIL_PASSWORD}; sender address {@code idnum.mail.from});
 *   <li>otherwise the log ({@link LoggingEmailSender}). Message content (codes) is logged only on
 *       the embedded default (no Spring profile active) while {@code idnum.mail.log-content} is
 *       true; in any other profile only the subject of the undelivered message is logged.
 * </ul>
 *
 * A deployment with another channel (a government notification service) declares its own
 * {@code @Primary} EmailSender bean; tests do the same to read the codes.
 */
@Configuration(proxyBeanMethods = false)
public class EmailConfiguration {

  private static final String NO_SMTP = "'${spring.mail.host:}'.isEmpty()";

  @Bean
  @ConditionalOnExpression(NO_SMTP)
  LoggingEmailSender loggingEmailSender(
      Environment environment, @Value("${idnum.mail.log-content:true}") boolean logContent) {
    return new LoggingEmailSender(logContent && environment.getActiveProfiles().length == 0);
  }

  @Bean
  @ConditionalOnExpression("!" + NO_SMTP)
  SmtpEmailSender smtpEmailSender(
      JavaMailSender mail,
      @Value("${idnum.mail.from:IdNum <no-reply@idnum.example>}") String from) {
    return new SmtpEmailSender(mail, from);
  }

  @Bean
  CitizenMailer citizenMailer(
      EmailSender sender, MessageSource messageSource, ObjectProvider<Clock> clock) {
    return new CitizenMailer(sender, messageSource, clock.getIfAvailable(Clock::systemUTC));
  }
}
