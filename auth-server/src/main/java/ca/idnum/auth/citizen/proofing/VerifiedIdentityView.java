package ca.idnum.auth.citizen.proofing;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

/**
 * A verified identity as the pages show it (read-only): names, birth date, the register it was
 * checked against, when, and which kinds of document number the register confirmed (the numbers
 * themselves are not shown).
 */
public record VerifiedIdentityView(
    String givenName,
    String familyName,
    String birthdate,
    String birthdateText,
    String source,
    String verifiedAt,
    String verifiedAtText,
    List<String> documents) {

  /** Dates are shown in Quebec's time zone. */
  static final ZoneId ZONE = ZoneId.of("America/Toronto");

  public static VerifiedIdentityView of(VerifiedIdentity v, Locale locale) {
    return new VerifiedIdentityView(
        v.givenName(),
        v.familyName(),
        v.birthdate().toString(),
        DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
            .withLocale(locale)
            .format(v.birthdate()),
        v.registerName(),
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(v.verifiedAt().atZone(ZONE)),
        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
            .withLocale(locale)
            .format(v.verifiedAt().atZone(ZONE)),
        v.documents().keySet().stream().map(t -> t.claim()).sorted().toList());
  }
}
