package vent.provider.captcha.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

class CaptchaUseCasesTest {

  private static final long NOW = 1_700_000_000_000L;

  private final Map<String, String> stored = new HashMap<>();
  private final List<String> drawn = new ArrayList<>();
  private final CaptchaRepository repo =
      new CaptchaRepository() {
        @Override
        public void save(String id, String answer, Duration ttl) {
          stored.put(id, answer);
        }

        @Override
        public Optional<String> take(String id) {
          return Optional.ofNullable(stored.remove(id));
        }
      };
  private final CaptchaRenderer renderer =
      (text, width, height) -> {
        drawn.add(text);
        return new byte[] {1};
      };
  private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

  private CaptchaUseCases useCases(String testAnswer) {
    return new CaptchaUseCases(
        repo, renderer, new CaptchaSettings(Duration.ofSeconds(120), testAnswer), clock);
  }

  @Test
  void createDrawsAFiveCharacterAnswerFromTheUnambiguousAlphabet() {
    CaptchaUseCases captchas = useCases("");
    for (int i = 0; i < 200; i++) {
      captchas.create();
    }
    assertThat(drawn)
        .hasSize(200)
        .allSatisfy(
            text -> {
              assertThat(text).hasSize(5);
              assertThat(text.chars()).allMatch(c -> CaptchaUseCases.ALPHABET.indexOf(c) >= 0);
            });
    assertThat(String.join("", drawn)).doesNotContain("0", "O", "1", "I", "L", "l");
    assertThat(stored.values()).allMatch(a -> a.equals(a.toLowerCase()));
    assertThat(drawn.stream().distinct().count()).isGreaterThan(190);
  }

  @Test
  void createGivesA128BitHexIdAndTheExpiry() {
    NewCaptcha c = useCases("").create();
    assertThat(c.id()).matches("[0-9a-f]{32}");
    assertThat(c.expiresAtMs()).isEqualTo(NOW + 120_000);
    assertThat(c.png()).containsExactly(1);
    assertThat(useCases("").create().id()).isNotEqualTo(c.id());
  }

  @Test
  void verifyIsCaseInsensitiveTrimmedAndOneShot() {
    CaptchaUseCases captchas = useCases("");
    NewCaptcha c = captchas.create();
    String answer = drawn.get(0);
    assertThat(captchas.verify(c.id(), "  " + answer.toLowerCase() + "\t")).isTrue();
    assertThat(captchas.verify(c.id(), answer)).isFalse();
  }

  @Test
  void wrongAnswerSpendsTheCaptcha() {
    CaptchaUseCases captchas = useCases("");
    NewCaptcha c = captchas.create();
    assertThat(captchas.verify(c.id(), "wrong")).isFalse();
    assertThat(captchas.verify(c.id(), drawn.get(0))).isFalse();
  }

  @Test
  void unknownOrMalformedIdsAreInvalidNotErrors() {
    CaptchaUseCases captchas = useCases("");
    assertThat(captchas.verify("0123456789abcdef0123456789abcdef", "abcde")).isFalse();
    assertThat(captchas.verify("not-an-id", "abcde")).isFalse();
    assertThat(captchas.verify("x".repeat(10_000), "abcde")).isFalse();
  }

  @Test
  void upperCaseIdStillMatches() {
    CaptchaUseCases captchas = useCases("");
    NewCaptcha c = captchas.create();
    assertThat(captchas.verify(c.id().toUpperCase(), drawn.get(0))).isTrue();
  }

  @Test
  void emptyIdOrAnswerIsMissingFieldAndDoesNotSpend() {
    CaptchaUseCases captchas = useCases("");
    NewCaptcha c = captchas.create();
    assertMissing(() -> captchas.verify("", "abc"));
    assertMissing(() -> captchas.verify(null, "abc"));
    assertMissing(() -> captchas.verify(c.id(), ""));
    assertMissing(() -> captchas.verify(c.id(), "   "));
    assertThat(captchas.verify(c.id(), drawn.get(0))).isTrue();
  }

  @Test
  void testAnswerModeGivesEveryCaptchaThatAnswer() {
    CaptchaUseCases captchas = useCases(" Pass42 ");
    NewCaptcha a = captchas.create();
    NewCaptcha b = captchas.create();
    assertThat(drawn).containsExactly("Pass42", "Pass42");
    assertThat(captchas.verify(a.id(), "pass42")).isTrue();
    assertThat(captchas.verify(b.id(), "nope")).isFalse();
    assertThat(captchas.verify(b.id(), "PASS42")).isFalse();
  }

  @Test
  void settingsRejectNonPositiveTtl() {
    assertThatThrownBy(() -> new CaptchaSettings(Duration.ZERO, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new CaptchaSettings(Duration.ofSeconds(1), null).testMode()).isFalse();
    assertThat(new CaptchaSettings(Duration.ofSeconds(1), "  ").testMode()).isFalse();
  }

  private static void assertMissing(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            VentException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
              assertThat(e.reason()).isEqualTo("MISSING_FIELD");
            });
  }

  @Test
  void eachCaptchaReadsTheSettingsInForce() {
    java.util.concurrent.atomic.AtomicReference<CaptchaSettings> live =
        new java.util.concurrent.atomic.AtomicReference<>(
            new CaptchaSettings(Duration.ofSeconds(120), "", 5, 160, 60));
    CaptchaUseCases captchas = new CaptchaUseCases(repo, renderer, live::get, clock);
    assertThat(captchas.create().expiresAtMs()).isEqualTo(NOW + 120_000);
    live.set(new CaptchaSettings(Duration.ofSeconds(30), "", 7, 200, 80));
    assertThat(captchas.create().expiresAtMs()).isEqualTo(NOW + 30_000);
    assertThat(drawn.get(drawn.size() - 1)).hasSize(7);
  }
}
