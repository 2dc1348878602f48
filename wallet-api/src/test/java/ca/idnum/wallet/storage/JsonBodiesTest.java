package ca.idnum.wallet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class JsonBodiesTest {

  private static final StorageError TOO_LARGE = new StorageError.InvalidRequest("too large");

  private static MockHttpServletRequest body(String json) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/wallet/devices");
    request.setContentType("application/json");
    request.setContent(json.getBytes(StandardCharsets.UTF_8));
    return request;
  }

  @Test
  void whenTheBodyIsALoneByteOrderMarkThenItIsAnInvalidRequestNotANullObject() {
    // Nimbus parses this text to null (a finding of the status list fuzz target)
    StorageException refused =
        catchThrowableOfType(
            StorageException.class, () -> JsonBodies.read(body("\uFEFF"), 1024, TOO_LARGE));
    assertThat(refused.error()).isInstanceOf(StorageError.InvalidRequest.class);
    assertThat(refused.error().status()).isEqualTo(400);
  }

  @Test
  void whenTheBodyIsAJsonObjectThenItIsRead() {
    assertThat(JsonBodies.read(body("{\"name\":\"Pixel\"}"), 1024, TOO_LARGE))
        .containsEntry("name", "Pixel");
  }
}
