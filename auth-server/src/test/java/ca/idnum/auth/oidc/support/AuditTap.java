package ca.idnum.auth.oidc.support;

import ca.idnum.server.audit.AuditEvent;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A test's view of the audit events: every event the application's {@code auditLog} records (into
 * the durable, hash-chained log) is also handed to each {@code AuditTap} bean. Tests observe the
 * real log instead of replacing it.
 */
public interface AuditTap {

  void record(AuditEvent event);

  /** Import this to have the {@code auditLog} bean feed the taps. */
  @TestConfiguration(proxyBeanMethods = false)
  class Config {

    @Bean
    static BeanPostProcessor auditTaps(ObjectProvider<AuditTap> taps) {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name)
            throws BeansException {
          if ("auditLog".equals(name) && bean instanceof ca.idnum.server.audit.AuditLog log) {
            return (ca.idnum.server.audit.AuditLog)
                event -> {
                  log.record(event);
                  taps.orderedStream().forEach(t -> t.record(event));
                };
          }
          return bean;
        }
      };
    }
  }
}
