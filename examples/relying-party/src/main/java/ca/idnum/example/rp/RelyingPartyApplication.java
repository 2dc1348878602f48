package ca.idnum.example.rp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An example public-body website that logs citizens in with IdNum (OpenID Connect). */
@SpringBootApplication
public class RelyingPartyApplication {

  public static void main(String[] args) {
    SpringApplication.run(RelyingPartyApplication.class, args);
  }
}
