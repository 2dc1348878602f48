package ca.idnum.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceDescriptionTest {

  @Test
  void commonBrowsersAndSystemsAreNamed() {
    assertThat(
            DeviceDescription.device(
                "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"))
        .isEqualTo("Firefox, Linux");
    assertThat(
            DeviceDescription.device(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"))
        .isEqualTo("Edge, Windows");
    assertThat(
            DeviceDescription.device(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
                    + " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"))
        .isEqualTo("Safari, iOS");
    assertThat(
            DeviceDescription.device(
                "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/131.0 Mobile Safari/537.36"))
        .isEqualTo("Chrome, Android");
    assertThat(DeviceDescription.device(null)).isEqualTo("?, ?");
    assertThat(DeviceDescription.device("x".repeat(100_000))).isEqualTo("?, ?");
  }

  @Test
  void addressesAreShownAsTheirNetworkOnly() {
    assertThat(DeviceDescription.network("203.0.113.77")).hasValue("203.0.113.x");
    assertThat(DeviceDescription.network("2001:db8:1:2::5")).hasValue("2001:db8:1::/48");
    assertThat(DeviceDescription.network("unknown")).isEmpty();
    assertThat(DeviceDescription.network("evil.example")).isEmpty();
    assertThat(DeviceDescription.network("cafe.be")).isEmpty();
    assertThat(DeviceDescription.network("127.0.0.1")).isEmpty();
    assertThat(DeviceDescription.network("::1")).isEmpty();
    assertThat(DeviceDescription.network(null)).isEmpty();
  }

  @Test
  void levelsAreReadFromTheirUri() {
    assertThat(AccountActivity.level("urn:idnum:loa:2")).isEqualTo("2");
    assertThat(AccountActivity.level("urn:other:3")).isEqualTo("?");
    assertThat(AccountActivity.level(null)).isEqualTo("?");
  }
}
