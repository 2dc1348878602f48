package ca.idnum.sdk.sdjwt;

import ca.idnum.sdk.sdjwt.SdJwtError.Limit;
import ca.idnum.sdk.sdjwt.SdJwtError.LimitExceeded;
import ca.idnum.sdk.sdjwt.SdJwtError.Malformed;
import ca.idnum.sdk.sdjwt.SdJwtError.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An SD-JWT or SD-JWT+KB in compact serialization (RFC 9901 §4): {@code <Issuer-signed
 * JWT>~<Disclosure 1>~...~<Disclosure N>~[<KB-JWT>]}. Disclosures are kept as received so that
 * digests and {@code sd_hash} are computed over the exact strings.
 *
 * @param issuerSignedJwt the Issuer-signed JWT, compact JWS serialization
 * @param disclosures the Disclosures, in order
 * @param keyBindingJwt the Key Binding JWT, or {@code null} for an SD-JWT without Key Binding
 */
public record SdJwt(String issuerSignedJwt, List<Disclosure> disclosures, String keyBindingJwt) {

  /** Validates and copies. */
  public SdJwt {
    Objects.requireNonNull(issuerSignedJwt, "issuerSignedJwt");
    disclosures = List.copyOf(disclosures);
    if (keyBindingJwt != null && keyBindingJwt.isEmpty()) {
      keyBindingJwt = null;
    }
  }

  /** Whether a Key Binding JWT is attached. */
  public boolean hasKeyBinding() {
    return keyBindingJwt != null;
  }

  /** The SD-JWT without its KB-JWT, ending in {@code ~}: the input of {@code sd_hash} (§4.3.1). */
  public String serializeWithoutKeyBinding() {
    int len = issuerSignedJwt.length() + 1;
    for (Disclosure d : disclosures) {
      len += d.encoded().length() + 1;
    }
    StringBuilder sb = new StringBuilder(len + 1024);
    sb.append(issuerSignedJwt).append('~');
    for (Disclosure d : disclosures) {
      sb.append(d.encoded()).append('~');
    }
    return sb.toString();
  }

  /** The compact serialization (§4). */
  public String serialize() {
    String base = serializeWithoutKeyBinding();
    return keyBindingJwt == null ? base : base + keyBindingJwt;
  }

  /** This SD-JWT with another set of Disclosures and no Key Binding JWT. */
  public SdJwt withDisclosures(List<Disclosure> selected) {
    return new SdJwt(issuerSignedJwt, selected, null);
  }

  @Override
  public String toString() {
    return serialize();
  }

  /**
   * Splits and decodes a compact SD-JWT or SD-JWT+KB (§4, §7.1 step 1) without verifying anything;
   * enforces {@link SdJwtLimits#maxTotalLength()} and {@link SdJwtLimits#maxDisclosures()}.
   */
  public static SdJwt parse(String serialized, SdJwtLimits limits) throws SdJwtException {
    Objects.requireNonNull(serialized, "serialized");
    if (serialized.length() > limits.maxTotalLength()) {
      throw new SdJwtException(new LimitExceeded(Limit.TOTAL_LENGTH, limits.maxTotalLength()));
    }
    int first = serialized.indexOf('~');
    if (first < 0) {
      throw new SdJwtException(new Malformed(Part.SD_JWT, "no ~ separator"));
    }
    String jwt = serialized.substring(0, first);
    if (jwt.isEmpty()) {
      throw new SdJwtException(new Malformed(Part.ISSUER_JWT, "empty"));
    }
    int last = serialized.lastIndexOf('~');
    List<Disclosure> disclosures = new ArrayList<>();
    int start = first + 1;
    while (start <= last) {
      int end = serialized.indexOf('~', start);
      if (end == start) {
        throw new SdJwtException(new Malformed(Part.DISCLOSURE, "empty disclosure"));
      }
      if (disclosures.size() == limits.maxDisclosures()) {
        throw new SdJwtException(
            new LimitExceeded(Limit.DISCLOSURE_COUNT, limits.maxDisclosures()));
      }
      disclosures.add(Disclosure.parse(serialized.substring(start, end)));
      start = end + 1;
    }
    String kb = last + 1 < serialized.length() ? serialized.substring(last + 1) : null;
    return new SdJwt(jwt, disclosures, kb);
  }

  /** {@link #parse(String, SdJwtLimits)} with {@link SdJwtLimits#DEFAULT}. */
  public static SdJwt parse(String serialized) throws SdJwtException {
    return parse(serialized, SdJwtLimits.DEFAULT);
  }
}
