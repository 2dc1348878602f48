package ca.idnum.auth.citizen.proofing.register;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The demo register of the embedded default, in process: a few fictitious people, one of them the
 * demo citizen (Camille Tremblay). Matches like a real register would: names compared without
 * accents or case, birth date and document number exactly. Never used in production (the production
 * profile requires {@code idnum.proofing.register.url}).
 */
public final class DemoIdentityRegister implements IdentityRegister {

  /** One person of the demo register. */
  public record Person(
      String givenName,
      String familyName,
      LocalDate birthdate,
      String healthInsuranceNumber,
      String drivingLicenceNumber) {}

  /** The demo identities (documented in README.md and docs/identity-proofing.md). */
  public static final List<Person> PEOPLE =
      List.of(
          new Person(
              "Camille", "Tremblay", LocalDate.of(1985, 4, 12), "TREC85541219", "T652312048509"),
          new Person("Étienne", "Côté", LocalDate.of(1972, 11, 3), "COTE72110318", "C301403117207"),
          new Person(
              "Aïcha", "Diallo", LocalDate.of(2001, 2, 27), "DIAA01522712", "D415027020105"));

  public static final String ID = "demo-register";
  public static final String NAME = "Registre d’identité de démonstration / Demo identity register";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RegisterAnswer match(MatchRequest request) {
    for (Person p : PEOPLE) {
      String number =
          request.documentType() == DocumentType.HEALTH_INSURANCE
              ? p.healthInsuranceNumber()
              : p.drivingLicenceNumber();
      if (p.birthdate().equals(request.birthdate())
          && number.equals(request.documentNumber())
          && fold(p.givenName()).equals(fold(request.givenName()))
          && fold(p.familyName()).equals(fold(request.familyName()))) {
        return new RegisterAnswer.Match(
            p.givenName(),
            p.familyName(),
            p.birthdate(),
            Map.of(
                DocumentType.HEALTH_INSURANCE, p.healthInsuranceNumber(),
                DocumentType.DRIVING_LICENCE, p.drivingLicenceNumber()),
            Optional.empty());
      }
    }
    return new RegisterAnswer.NoMatch();
  }

  /** Case-, accent- and punctuation-insensitive form of a name. */
  static String fold(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .replaceAll("[\\s'’-]+", " ")
        .strip()
        .toLowerCase(Locale.ROOT);
  }
}
