package ca.idnum.sdk.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import org.junit.jupiter.api.Test;

class JsonObjectsTest {

  @Test
  void whenTheTextIsALoneByteOrderMarkThenItIsAParseErrorWhereNimbusGivesNull() throws Exception {
    assertThat(JSONObjectUtils.parse("\uFEFF")).isNull();
    assertThatThrownBy(() -> JsonObjects.parse("\uFEFF")).isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> JsonObjects.parse("\uFEFF", 100)).isInstanceOf(ParseException.class);
  }

  @Test
  void whenTheTextIsAnObjectThenItIsParsedAndOtherwiseAParseError() throws Exception {
    assertThat(JsonObjects.parse("{\"a\":1}")).containsEntry("a", 1L);
    assertThat(JsonObjects.parse("\uFEFF{\"a\":1}")).containsEntry("a", 1L);
    assertThatThrownBy(() -> JsonObjects.parse("[1]")).isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> JsonObjects.parse("")).isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> JsonObjects.parse("{\"a\":1}", 3)).isInstanceOf(ParseException.class);
  }
}
