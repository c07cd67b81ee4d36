package vent.provider.post.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static vent.provider.post.Failures.assertReason;

import org.junit.jupiter.api.Test;

class VentTextTest {

  @Test
  void normalisesToNfc() {
    // "e" + combining acute accent becomes the single code point U+00E9.
    assertThat(VentText.normalize("caf\u0065\u0301")).isEqualTo("caf\u00e9");
  }

  @Test
  void countsCodePointsAfterNormalisation() {
    String decomposed = "\u0065\u0301".repeat(VentText.MAX_CODE_POINTS);
    assertThat(VentText.normalize(decomposed)).hasSize(VentText.MAX_CODE_POINTS);
    String emoji = "\uD83D\uDE00".repeat(VentText.MAX_CODE_POINTS);
    assertThat(VentText.normalize(emoji)).isEqualTo(emoji);
    assertInvalid("a".repeat(VentText.MAX_CODE_POINTS + 1));
  }

  @Test
  void keepsNewlinesAndRefusesOtherControlAndFormatCharacters() {
    assertThat(VentText.normalize("line one\nline two")).isEqualTo("line one\nline two");
    assertInvalid("tab\there");
    assertInvalid("bell\u0007");
    assertInvalid("zero\u200Bwidth");
    assertInvalid("c1\u0085control");
  }

  @Test
  void refusesEmptyAndBlankTexts() {
    assertInvalid("");
    assertInvalid("   ");
    assertInvalid("\n\n");
  }

  private static void assertInvalid(String text) {
    assertReason("INVALID_TEXT", () -> VentText.normalize(text));
  }
}
