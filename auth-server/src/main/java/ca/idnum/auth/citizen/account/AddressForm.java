package ca.idnum.auth.citizen.account;

import ca.idnum.auth.citizen.InputError;
import ca.idnum.auth.citizen.PostalAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Form-backing object of the postal address page; {@link #parse()} validates it. */
public final class AddressForm {

  /** What the submitted form amounts to. */
  sealed interface Parsed {
    record Valid(PostalAddress address) implements Parsed {}

    record Rejected(List<InputError> errors) implements Parsed {
      public Rejected {
        errors = List.copyOf(errors);
      }
    }
  }

  private String streetAddress = "";
  private String locality = "";
  private String region = "";
  private String postalCode = "";
  private String country = "Canada";

  static AddressForm of(Optional<PostalAddress> address) {
    AddressForm form = new AddressForm();
    address.ifPresent(
        a -> {
          form.streetAddress = a.streetAddress();
          form.locality = a.locality();
          form.region = a.region().orElse("");
          form.postalCode = a.postalCode();
          form.country = a.country();
        });
    return form;
  }

  Parsed parse() {
    List<InputError> errors = new ArrayList<>();
    check(errors, "streetAddress", streetAddress, true, PostalAddress.MAX_STREET);
    check(errors, "locality", locality, true, PostalAddress.MAX_LOCALITY);
    check(errors, "region", region, false, PostalAddress.MAX_REGION);
    check(errors, "postalCode", postalCode, true, PostalAddress.MAX_POSTAL_CODE);
    check(errors, "country", country, true, PostalAddress.MAX_COUNTRY);
    if (errors.stream().noneMatch(e -> e.field().equals("postalCode"))
        && !postalCode.isBlank()
        && !PostalAddress.postalCodeFits(postalCode, country)) {
      errors.add(InputError.of("postalCode", "address.postalCode.invalid"));
    }
    if (!errors.isEmpty()) {
      return new Parsed.Rejected(errors);
    }
    try {
      return new Parsed.Valid(
          new PostalAddress(
              streetAddress, locality, Optional.of(region), postalCode, country.strip()));
    } catch (IllegalArgumentException e) {
      // The only rule left after the checks above: the format of a Canadian postal code.
      return new Parsed.Rejected(
          List.of(InputError.of("postalCode", "address.postalCode.invalid")));
    }
  }

  private static void check(
      List<InputError> errors, String field, String value, boolean required, int max) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty()) {
      if (required) {
        errors.add(InputError.of(field, "address." + field + ".required"));
      }
    } else if (v.length() > max) {
      errors.add(InputError.of(field, "address.tooLong", max));
    } else if (v.chars().anyMatch(Character::isISOControl)) {
      errors.add(InputError.of(field, "address.invalidCharacters"));
    }
  }

  public String getStreetAddress() {
    return streetAddress;
  }

  public void setStreetAddress(String streetAddress) {
    this.streetAddress = streetAddress == null ? "" : streetAddress;
  }

  public String getLocality() {
    return locality;
  }

  public void setLocality(String locality) {
    this.locality = locality == null ? "" : locality;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region == null ? "" : region;
  }

  public String getPostalCode() {
    return postalCode;
  }

  public void setPostalCode(String postalCode) {
    this.postalCode = postalCode == null ? "" : postalCode;
  }

  public String getCountry() {
    return country;
  }

  public void setCountry(String country) {
    this.country = country == null ? "" : country;
  }
}
