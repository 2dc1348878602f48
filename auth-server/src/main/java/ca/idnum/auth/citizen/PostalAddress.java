package ca.idnum.auth.citizen;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A citizen's postal address, released as the OpenID Connect {@code address} claim (OIDC Core
 * §5.1.1) under the {@code address} scope. Single-line values without control characters; the
 * region (province) may be absent. A Canadian postal code is normalised to {@code A1A 1A1}.
 */
public record PostalAddress(
    String streetAddress,
    String locality,
    Optional<String> region,
    String postalCode,
    String country) {

  public static final int MAX_STREET = 200;
  public static final int MAX_LOCALITY = 100;
  public static final int MAX_REGION = 100;
  public static final int MAX_POSTAL_CODE = 20;
  public static final int MAX_COUNTRY = 60;

  private static final Pattern CANADIAN_POSTAL_CODE =
      Pattern.compile("[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] ?[0-9][ABCEGHJ-NPRSTV-Z][0-9]");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  public PostalAddress {
    streetAddress = require(streetAddress, MAX_STREET, "streetAddress");
    locality = require(locality, MAX_LOCALITY, "locality");
    Objects.requireNonNull(region, "region");
    region = region.map(String::strip).filter(r -> !r.isEmpty());
    region.ifPresent(r -> require(r, MAX_REGION, "region"));
    country = require(country, MAX_COUNTRY, "country");
    postalCode = require(postalCode, MAX_POSTAL_CODE, "postalCode");
    if (!postalCodeFits(postalCode, country)) {
      throw new IllegalArgumentException("postalCode is not a Canadian postal code");
    }
    if (isCanada(country)) {
      String compact = postalCode.toUpperCase(Locale.ROOT).replace(" ", "");
      postalCode = compact.substring(0, 3) + " " + compact.substring(3);
    }
  }

  /** Whether the postal code has the country's format (checked for Canada: {@code A1A 1A1}). */
  public static boolean postalCodeFits(String postalCode, String country) {
    return !isCanada(country)
        || CANADIAN_POSTAL_CODE.matcher(postalCode.strip().toUpperCase(Locale.ROOT)).matches();
  }

  /** Whether {@code country} names Canada (its name in French or English, or ISO code CA). */
  public static boolean isCanada(String country) {
    String c = country == null ? "" : country.strip().toLowerCase(Locale.ROOT);
    return c.equals("canada") || c.equals("ca");
  }

  /** The address on three lines, as printed on an envelope. */
  public String formatted() {
    return streetAddress
        + "\n"
        + locality
        + region.map(r -> " " + r).orElse("")
        + "  "
        + postalCode
        + "\n"
        + country;
  }

  /** The OIDC Core §5.1.1 address claim object. */
  public Map<String, Object> toClaim() {
    Map<String, Object> claim = new LinkedHashMap<>();
    claim.put("formatted", formatted());
    claim.put("street_address", streetAddress);
    claim.put("locality", locality);
    region.ifPresent(r -> claim.put("region", r));
    claim.put("postal_code", postalCode);
    claim.put("country", country);
    return claim;
  }

  private static String require(String value, int max, String what) {
    Objects.requireNonNull(value, what);
    String v = value.strip();
    if (v.isEmpty() || v.length() > max || CONTROL.matcher(v).find()) {
      throw new IllegalArgumentException(what + " must be 1 to " + max + " printable characters");
    }
    return v;
  }
}
