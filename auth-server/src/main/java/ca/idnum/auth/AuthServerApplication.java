package ca.idnum.auth;

import ca.idnum.auth.audit.AuditVerifyCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The SAG-model OpenID Provider. */
@SpringBootApplication
public class AuthServerApplication {

  public static void main(String[] args) {
    if (AuditVerifyCommand.requested(args)) {
      System.exit(AuditVerifyCommand.run(args, System.out));
    }
    SpringApplication.run(AuthServerApplication.class, args);
  }
}
