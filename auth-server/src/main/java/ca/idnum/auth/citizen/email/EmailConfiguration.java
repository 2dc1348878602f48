package ca.idnum.auth.citizen.email;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The default {@link EmailSender}: the log. Message content (codes) is logged only on the embedded
 * default (no Spring profile active) and only while {@code idnum.mail.log-content} is true; in any
 * other profile only the subject of the undelivered message is logged. A deployment declares its
 * own {@code @Primary} EmailSender bean.
 */
@Configuration(proxyBeanMethods = false)
public class EmailConfiguration {

  @Bean
  LoggingEmailSender loggingEmailSender(
      Environment environment, @Value("${idnum.mail.log-content:true}") boolean logContent) {
    return new LoggingEmailSender(logContent && environment.getActiveProfiles().length == 0);
  }

  @Bean
  CitizenMailer citizenMailer(EmailSender sender, MessageSource messageSource) {
    return new CitizenMailer(sender, messageSource);
  }
}
