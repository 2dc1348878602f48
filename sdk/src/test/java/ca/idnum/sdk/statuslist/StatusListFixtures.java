package ca.idnum.sdk.statuslist;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shared test material: keys, resource vectors, hand-made tokens and a settable clock. */
final class StatusListFixtures {

  static final String URI_1 = "https://status.example.gouv.qc.ca/statuslists/1";

  private StatusListFixtures() {}

  static ECKey newEcKey(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> resource(String name) {
    try (InputStream in = StatusListFixtures.class.getResourceAsStream("/statuslist/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + name);
      }
      return JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static byte[] hex(String hex) {
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(String.format("%02x", b & 0xFF));
    }
    return sb.toString();
  }

  /** The claims of a well-formed token for {@link #URI_1}, to be altered by hostile tests. */
  static Map<String, Object> validClaims(Instant now, String lst, int bits) {
    Map<String, Object> statusList = new LinkedHashMap<>();
    statusList.put("bits", bits);
    statusList.put("lst", lst);
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", URI_1);
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.plus(Duration.ofHours(1)).getEpochSecond());
    claims.put("ttl", 600L);
    claims.put("status_list", statusList);
    return claims;
  }

  static String sign(ECKey key, String typ, Map<String, Object> claims) {
    JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID());
    if (typ != null) {
      header.type(new JOSEObjectType(typ));
    }
    return sign(key, header.build(), claims);
  }

  static String sign(ECKey key, JWSHeader header, Map<String, Object> claims) {
    try {
      JWSObject jws = new JWSObject(header, new Payload(claims));
      jws.sign(new ECDSASigner(key));
      return jws.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
