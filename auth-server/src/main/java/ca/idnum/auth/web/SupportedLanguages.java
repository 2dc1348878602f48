package ca.idnum.auth.web;

import java.util.Locale;

/** The service is bilingual: French (the default) and English, as spoken in Canada. */
public final class SupportedLanguages {

  public static final Locale FRENCH = Locale.forLanguageTag("fr-CA");
  public static final Locale ENGLISH = Locale.forLanguageTag("en-CA");

  private SupportedLanguages() {}

  /** English for any English locale, French for anything else. */
  public static Locale closest(Locale requested) {
    if (requested != null && "en".equals(requested.getLanguage())) {
      return ENGLISH;
    }
    return FRENCH;
  }
}
