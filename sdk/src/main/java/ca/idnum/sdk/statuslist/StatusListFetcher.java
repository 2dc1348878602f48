package ca.idnum.sdk.statuslist;

import java.io.IOException;
import java.net.URI;

/**
 * The caller's way of retrieving a Status List Token (Token Status List draft, §8.1 and §8.2): an
 * HTTP GET with {@code Accept: application/statuslist+jwt} that follows redirects with care
 * (§11.4), or any out-of-band distribution. The SDK does no HTTP itself.
 */
@FunctionalInterface
public interface StatusListFetcher {

  /**
   * The compact Status List Token served at {@code uri}.
   *
   * @throws IOException when it cannot be retrieved (any non-2xx response included)
   */
  String fetch(URI uri) throws IOException;
}
