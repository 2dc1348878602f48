package ca.idnum.wallet.register;

import ca.idnum.sdk.json.JsonObjects;
import ca.idnum.wallet.config.WalletProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The register of each issuer: over HTTP when {@code register.url} is set, otherwise the built-in
 * demo register (refused unless {@code idnum.wallet.allow-demo-registers}).
 */
@Component
public final class Registers {

  private final Map<String, Register> byIssuer;

  public Registers(WalletProperties properties, ResourceLoader resources, Clock clock) {
    Map<String, Register> map = new HashMap<>();
    Map<String, Object> demo = null;
    for (Map.Entry<String, WalletProperties.IssuerProperties> e : properties.issuers().entrySet()) {
      String body = e.getKey();
      WalletProperties.RegisterProperties r = e.getValue().register();
      if (r.url() != null) {
        map.put(body, new HttpRegister(body, r, clock));
        continue;
      }
      if (!properties.allowDemoRegisters()) {
        throw new IllegalStateException(
            "issuer " + body + " has no register URL and demo registers are not allowed");
      }
      if (demo == null) {
        demo = loadDemo(resources, properties.demoRegisters());
      }
      @SuppressWarnings("unchecked")
      Map<String, Map<String, Object>> subjects =
          demo.get(body) instanceof Map<?, ?> m ? (Map<String, Map<String, Object>>) m : Map.of();
      map.put(body, new DemoRegister(subjects));
    }
    this.byIssuer = Map.copyOf(map);
  }

  /** The register of {@code body}. */
  public Optional<Register> of(String body) {
    return Optional.ofNullable(byIssuer.get(body));
  }

  private static Map<String, Object> loadDemo(ResourceLoader resources, String location) {
    try (InputStream in = resources.getResource(location).getInputStream()) {
      return JsonObjects.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("cannot read the demo registers at " + location, e);
    }
  }
}
