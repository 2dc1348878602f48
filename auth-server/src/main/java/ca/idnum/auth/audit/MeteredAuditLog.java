package ca.idnum.auth.audit;

import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * Counts security events for Prometheus, then records them in the durable log.
 *
 * <ul>
 *   <li>{@code idnum_audit_events_total{type}}: every event by type;
 *   <li>{@code idnum_login_failures_total}: failed logins (wrong address or password, throttled);
 *   <li>{@code idnum_login_lockouts_total}: logins refused because the account or the address is
 *       locked out by the failed-login throttle;
 *   <li>{@code idnum_login_step_ups_total}: step-ups to a higher level of assurance;
 *   <li>{@code idnum_logouts_total{reason}}: sessions ended (logout, citizen, operator, timeout).
 * </ul>
 */
public final class MeteredAuditLog implements AuditLog {

  private final AuditLog delegate;
  private final MeterRegistry registry;
  private final Counter failures;
  private final Counter lockouts;
  private final Counter stepUps;

  public MeteredAuditLog(AuditLog delegate, MeterRegistry registry) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.failures =
        Counter.builder("idnum.login.failures")
            .description("Failed citizen logins")
            .register(registry);
    this.lockouts =
        Counter.builder("idnum.login.lockouts")
            .description("Citizen logins refused by the failed-login throttle")
            .register(registry);
    this.stepUps =
        Counter.builder("idnum.login.step.ups")
            .description("Step-ups to a higher level of assurance")
            .register(registry);
  }

  @Override
  public void record(AuditEvent event) {
    delegate.record(event);
    registry.counter("idnum.audit.events", "type", event.type()).increment();
    switch (event.type()) {
      case AuditTypes.LOGIN_FAILURE -> {
        failures.increment();
        if ("throttled".equals(event.details().get("reason"))) {
          lockouts.increment();
        }
      }
      case AuditTypes.LOGIN_STEP_UP -> stepUps.increment();
      case AuditTypes.LOGIN_SUCCESS -> {
        if ("true".equals(event.details().get("step_up"))) {
          stepUps.increment();
        }
      }
      case AuditTypes.LOGOUT, AuditTypes.SESSION_REVOKED, AuditTypes.SESSION_EXPIRED ->
          registry
              .counter("idnum.logouts", "reason", event.details().getOrDefault("reason", "logout"))
              .increment();
      default -> {}
    }
  }
}
