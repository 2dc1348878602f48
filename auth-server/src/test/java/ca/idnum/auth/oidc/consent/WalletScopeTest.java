package ca.idnum.auth.oidc.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The wallet storage scope: a citizen scope that releases no claims, worded in French and English.
 */
class WalletScopeTest {

  @Test
  void whenTheWalletScopeIsLookedUpThenItIsACitizenScopeWithoutClaimsAndHasBothLabels()
      throws Exception {
    assertThat(ScopeCatalog.citizenScopes()).contains(ScopeCatalog.WALLET);
    assertThat(ScopeCatalog.isKnown("idnum:wallet")).isTrue();
    assertThat(ScopeCatalog.isApiScope("idnum:wallet")).isFalse();
    assertThat(ScopeCatalog.claims(ScopeCatalog.WALLET)).isEmpty();
    assertThat(label("i18n/oidc.properties")).contains("portefeuille");
    assertThat(label("i18n/oidc_en.properties")).contains("wallet");
  }

  private static String label(String bundle) throws Exception {
    Properties p = new Properties();
    try (InputStream in = WalletScopeTest.class.getClassLoader().getResourceAsStream(bundle)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p.getProperty("oidc.scope." + ScopeCatalog.WALLET, "");
  }
}
