package vent.provider.user.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

class UserRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"abc", "a_1", "___", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void acceptsUsernamesOf3To30AllowedCharacters(String name) {
    assertThat(UserRules.normalizeUsername(name)).isEqualTo(name);
  }

  @Test
  void lowerCasesUsernames() {
    assertThat(UserRules.normalizeUsername("Alice_42")).isEqualTo("alice_42");
    assertThat(UserRules.normalizeUsername("BOB")).isEqualTo("bob");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "ab",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        " alice",
        "alice ",
        "al-ice",
        "al.ice",
        "al ice",
        "élan",
        "ålice",
        "\u212Aelvin",
        "ali\u0000ce",
        "alice\n",
        "ａｌｉｃｅ"
      })
  void rejectsBadUsernames(String name) {
    assertInvalid(() -> UserRules.normalizeUsername(name), "INVALID_USERNAME");
  }

  @Test
  void usernameLengthBoundariesAre3And30() {
    assertInvalid(() -> UserRules.normalizeUsername("a".repeat(2)), "INVALID_USERNAME");
    assertThat(UserRules.normalizeUsername("a".repeat(3))).hasSize(3);
    assertThat(UserRules.normalizeUsername("A".repeat(30))).isEqualTo("a".repeat(30));
    assertInvalid(() -> UserRules.normalizeUsername("a".repeat(31)), "INVALID_USERNAME");
  }

  @Test
  void displayNameCountsCodePointsUpTo50() {
    String emoji = "\uD83D\uDE00"; // one code point, two chars
    assertThat(UserRules.checkDisplayName(emoji.repeat(50))).hasSize(100);
    assertInvalid(() -> UserRules.checkDisplayName(emoji.repeat(51)), "INVALID_DISPLAY_NAME");
    assertThat(UserRules.checkDisplayName("x")).isEqualTo("x");
    assertThat(UserRules.checkDisplayName("Zoë Ünïcødé 日本")).isEqualTo("Zoë Ünïcødé 日本");
    assertThat(UserRules.checkDisplayName("y".repeat(50))).hasSize(50);
    assertInvalid(() -> UserRules.checkDisplayName("y".repeat(51)), "INVALID_DISPLAY_NAME");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "a\nb", "a\tb", "a\u0000", "\u007F", "a\u0085b", "a\uD800b"})
  void rejectsEmptyBlankOrControlDisplayNames(String name) {
    assertInvalid(() -> UserRules.checkDisplayName(name), "INVALID_DISPLAY_NAME");
  }

  @Test
  void bioAllowsNewlineAndUpTo160CodePoints() {
    assertThat(UserRules.checkBio(null)).isEmpty();
    assertThat(UserRules.checkBio("")).isEmpty();
    assertThat(UserRules.checkBio("line one\nline two")).contains("\n");
    assertThat(UserRules.checkBio("é".repeat(160))).hasSize(160);
    assertInvalid(() -> UserRules.checkBio("é".repeat(161)), "INVALID_BIO");
    assertInvalid(() -> UserRules.checkBio("a\r\nb"), "INVALID_BIO");
    assertInvalid(() -> UserRules.checkBio("tab\there"), "INVALID_BIO");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "evil\u202Egnp.exe",
        "a\u200Bb",
        "\uFEFFname",
        "a\u2066b\u2069",
        "x\u00ADy",
        "\uD83D\uDC68\u200D\uD83D\uDC69"
      })
  void refusesFormatCharactersInDisplayNamesAndBios(String text) {
    assertInvalid(() -> UserRules.checkDisplayName(text), "INVALID_DISPLAY_NAME");
    assertInvalid(() -> UserRules.checkBio(text), "INVALID_BIO");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "42", "9223372036854775807", "1000000000000000000"})
  void acceptsDecimalIds(String id) {
    assertThat(UserRules.checkUserId(id)).isEqualTo(id);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"0", "01", "-1", "1a", " 1", "1 ", "12345678901234567890", "١٢"})
  void rejectsBadIds(String id) {
    assertInvalid(() -> UserRules.checkUserId(id), "INVALID_USER_ID");
  }

  @Test
  void countLimit() {
    UserRules.checkBatchCount(500);
    assertInvalid(() -> UserRules.checkBatchCount(501), "TOO_MANY_IDS");
    UserRules.checkEnsureCount(1000);
    assertInvalid(() -> UserRules.checkEnsureCount(1001), "TOO_MANY_IDS");
  }

  static void assertInvalid(Runnable call, String reason) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            VentException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
              assertThat(e.reason()).isEqualTo(reason);
            });
  }
}
