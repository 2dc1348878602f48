package ca.idnum.auth.oidc.token;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * Serializes {@link OAuth2Authorization} for the short-lived store (Java serialization of Spring
 * Security's serializable types). Deserialization accepts only an allow-list of packages, so data
 * planted in the store cannot instantiate arbitrary classes.
 */
final class AuthorizationCodec {

  private static final ObjectInputFilter FILTER =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=40;maxrefs=20000;maxbytes=1048576;maxarray=100000;"
              + "java.lang.*;java.util.*;java.time.*;java.net.URL;java.net.URI;"
              + "java.lang.Enum;java.lang.Number;"
              + "org.springframework.security.**;ca.idnum.**;!*");

  private AuthorizationCodec() {}

  static String encode(OAuth2Authorization authorization) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(authorization);
    } catch (IOException e) {
      throw new IllegalStateException("authorization not serializable", e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  static OAuth2Authorization decode(String value) {
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(value)))) {
      in.setObjectInputFilter(FILTER);
      return (OAuth2Authorization) in.readObject();
    } catch (IOException
        | ClassNotFoundException
        | ClassCastException
        | IllegalArgumentException e) {
      throw new IllegalStateException("stored authorization unreadable", e);
    }
  }
}
