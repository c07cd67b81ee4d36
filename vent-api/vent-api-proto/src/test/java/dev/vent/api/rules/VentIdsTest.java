package dev.vent.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VentIdsTest {

  @ParameterizedTest
  @ValueSource(strings = {"1-0", "1042-3k9x0q2m1z7a", "9999999999999999999-3w5e11264sgsf"})
  void issuedIdsAreWellFormed(String id) {
    assertThat(VentIds.isWellFormed(id)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1042",
        "1042-",
        "-abc",
        "01-abc",
        "1042-ABC",
        "1042-a-b",
        "1042-3w5e11264sgsf0"
      })
  void otherStringsAreNot(String id) {
    assertThat(VentIds.isWellFormed(id)).isFalse();
  }

  @Test
  void nullIsNotAnId() {
    assertThat(VentIds.isWellFormed(null)).isFalse();
  }

  @Test
  void theAuthorIsThePartBeforeTheDash() {
    assertThat(VentIds.authorOf("1042-3k9x")).isEqualTo("1042");
    assertThat(VentIds.isOf("1042-3k9x", "1042")).isTrue();
    assertThat(VentIds.isOf("1042-3k9x", "104")).isFalse();
    assertThat(VentIds.isOf("10423-k9x", "1042")).isFalse();
  }
}
