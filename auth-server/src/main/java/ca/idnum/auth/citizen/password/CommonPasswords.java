package ca.idnum.auth.citizen.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The bundled blocklist of common and breached passwords (NIST SP 800-63B-4 §3.1.1.2), compared
 * after NFKC normalisation and lower-casing. Resources (one password a line, {@code #} comments):
 * {@code password/common-passwords.txt} (the 10,000 most common passwords) and {@code
 * password/common-passwords-extra.txt} (long, French and keyboard-layout variants).
 */
public final class CommonPasswords {

  static final String[] RESOURCES = {
    "password/common-passwords.txt", "password/common-passwords-extra.txt"
  };

  private final Set<String> entries;

  private CommonPasswords(Set<String> entries) {
    this.entries = Set.copyOf(entries);
  }

  /** Loads the bundled lists from the class path. */
  public static CommonPasswords bundled() {
    Set<String> all = new HashSet<>(16_384);
    ClassLoader loader = CommonPasswords.class.getClassLoader();
    for (String resource : RESOURCES) {
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing password list " + resource);
        }
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
          if (!line.isEmpty() && !line.startsWith("#")) {
            all.add(key(line));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new CommonPasswords(all);
  }

  /** Whether the (already NFKC-normalised) password is on the list, ignoring case. */
  public boolean contains(String password) {
    return entries.contains(key(password));
  }

  public int size() {
    return entries.size();
  }

  private static String key(String password) {
    return PasswordHasher.normalize(password).toLowerCase(Locale.ROOT);
  }
}
