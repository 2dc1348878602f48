package ca.idnum.auth.session;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * What the account page says about where a session was opened: browser and system from the {@code
 * User-Agent}, and the client's network (IPv4 /24, IPv6 /48: enough to recognise one's own
 * connection, not an address to track).
 */
public final class DeviceDescription {

  private DeviceDescription() {}

  /** "Browser, System" from a User-Agent header ("Unknown browser" parts when not recognised). */
  public static String device(String userAgent) {
    String ua = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT);
    if (ua.length() > 1024) {
      ua = ua.substring(0, 1024);
    }
    String browser;
    if (ua.contains("edg/")) {
      browser = "Edge";
    } else if (ua.contains("firefox/")) {
      browser = "Firefox";
    } else if (ua.contains("opr/") || ua.contains("opera")) {
      browser = "Opera";
    } else if (ua.contains("chrome/") || ua.contains("chromium/") || ua.contains("crios/")) {
      browser = "Chrome";
    } else if (ua.contains("safari/")) {
      browser = "Safari";
    } else if (ua.startsWith("java-http-client") || ua.startsWith("java/")) {
      browser = "Java";
    } else {
      browser = "?";
    }
    String system;
    if (ua.contains("android")) {
      system = "Android";
    } else if (ua.contains("iphone") || ua.contains("ipad") || ua.contains("ios")) {
      system = "iOS";
    } else if (ua.contains("windows")) {
      system = "Windows";
    } else if (ua.contains("mac os") || ua.contains("macintosh")) {
      system = "macOS";
    } else if (ua.contains("cros")) {
      system = "ChromeOS";
    } else if (ua.contains("linux")) {
      system = "Linux";
    } else {
      system = "?";
    }
    return browser + ", " + system;
  }

  /** The network of a client address, for display ("203.0.113.x", "2001:db8:1::/48"). */
  public static Optional<String> network(String address) {
    if (address == null || address.isBlank() || address.length() > 45) {
      return Optional.empty();
    }
    // literal addresses only: never resolve a host name
    if (!address.matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      return Optional.empty();
    }
    try {
      InetAddress parsed = InetAddress.getByName(address);
      if (parsed.isLoopbackAddress() || parsed.isAnyLocalAddress()) {
        return Optional.empty();
      }
      byte[] bytes = parsed.getAddress();
      if (bytes.length == 4) {
        return Optional.of(
            (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".x");
      }
      return Optional.of(
          String.format(
                  "%x:%x:%x",
                  ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff),
                  ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff),
                  ((bytes[4] & 0xff) << 8) | (bytes[5] & 0xff))
              + "::/48");
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
