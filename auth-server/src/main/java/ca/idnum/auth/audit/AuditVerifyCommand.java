package ca.idnum.auth.audit;

import ca.idnum.server.audit.AuditVerification;
import ca.idnum.server.audit.JdbcAuditLog;
import java.io.PrintStream;
import java.util.Arrays;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code java -jar auth-server.jar --idnum.audit.verify=true}: verifies the audit chain against the
 * configured database (same configuration and profiles as the server, no web server, no migration),
 * prints the result and exits 0 when intact, 1 when broken, 2 when it could not run.
 */
public final class AuditVerifyCommand {

  static final String FLAG = "--idnum.audit.verify=true";

  private AuditVerifyCommand() {}

  /** Whether the command line asks for a verification instead of the server. */
  public static boolean requested(String[] args) {
    return Arrays.asList(args).contains(FLAG);
  }

  /** Runs the verification; returns the exit status. */
  public static int run(String[] args, PrintStream out) {
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(VerifyContext.class)
            .web(WebApplicationType.NONE)
            .logStartupInfo(false)
            .properties("spring.main.banner-mode=off", "logging.level.root=WARN")
            .run(args)) {
      AuditVerification result =
          new JdbcAuditLog(
                  context.getBean(JdbcOperations.class), context.getBean(TransactionTemplate.class))
              .verify();
      out.println(result.describe());
      return result.intact() ? 0 : 1;
    } catch (RuntimeException e) {
      out.println("audit verification could not run: " + e.getClass().getSimpleName());
      return 2;
    }
  }

  /** Only the database (not a component: the server's scan must not pick it up). */
  @ImportAutoConfiguration({
    DataSourceAutoConfiguration.class,
    DataSourceTransactionManagerAutoConfiguration.class,
    JdbcTemplateAutoConfiguration.class,
    JdbcClientAutoConfiguration.class,
    TransactionAutoConfiguration.class
  })
  static class VerifyContext {}
}
