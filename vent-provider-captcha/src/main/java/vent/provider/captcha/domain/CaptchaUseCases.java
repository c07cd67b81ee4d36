package vent.provider.captcha.domain;

import dev.vent.api.rules.FieldRule;
import dev.vent.captcha.v1.VerifyCaptchaRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import vent.common.error.RequestChecks;
import vent.common.error.VentException;

/**
 * Creates captchas and verifies answers. A captcha is spent by its first verification attempt,
 * right or wrong; answers compare case-insensitively after trimming white space.
 */
public final class CaptchaUseCases {

  /** Characters of generated answers: no 0/O, 1/I/L, which read alike in a distorted image. */
  public static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

  /** Default length of generated answers, characters. */
  public static final int ANSWER_LENGTH = 5;

  private static final Pattern ID = Pattern.compile("^[0-9a-f]{32}$");

  private static final FieldRule ID_FIELD =
      FieldRule.of(VerifyCaptchaRequest.getDescriptor(), "id");
  private static final FieldRule ANSWER_FIELD =
      FieldRule.of(VerifyCaptchaRequest.getDescriptor(), "answer");

  private final CaptchaRepository repository;
  private final CaptchaRenderer renderer;

  /** Read once per captcha: the global configuration may change it while the process runs. */
  private final Supplier<CaptchaSettings> settings;

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public CaptchaUseCases(
      CaptchaRepository repository,
      CaptchaRenderer renderer,
      CaptchaSettings settings,
      Clock clock) {
    this(repository, renderer, constant(Objects.requireNonNull(settings, "settings")), clock);
  }

  /**
   * @param settings asked once for each new captcha (live configuration)
   */
  public CaptchaUseCases(
      CaptchaRepository repository,
      CaptchaRenderer renderer,
      Supplier<CaptchaSettings> settings,
      Clock clock) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.renderer = Objects.requireNonNull(renderer, "renderer");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Draws a new captcha and stores its answer for {@link CaptchaSettings#ttl()}.
   *
   * @return id, PNG and expiry; the answer is only in the image (and in the store)
   */
  public NewCaptcha create() {
    CaptchaSettings now = settings.get();
    String text = now.testMode() ? now.testAnswer() : randomAnswer(now.length());
    byte[] png = renderer.renderPng(text, now.width(), now.height());
    String id = newId();
    long created = clock.millis();
    repository.save(id, normalize(text), now.ttl());
    return new NewCaptcha(id, png, created + now.ttl().toMillis());
  }

  private static Supplier<CaptchaSettings> constant(CaptchaSettings settings) {
    return () -> settings;
  }

  /**
   * Checks an answer and spends the captcha whatever the outcome.
   *
   * @param id the captcha id; an unknown, expired, spent or malformed id gives {@code false}
   * @param answer the user's answer, any case, surrounding white space ignored
   * @return true when the answer matches
   * @throws VentException INVALID_ARGUMENT (MISSING_FIELD) when id or answer is empty (then the
   *     captcha is not spent)
   */
  public boolean verify(String id, String answer) {
    RequestChecks.require(ID_FIELD.check(id));
    RequestChecks.require(ANSWER_FIELD.check(answer));
    String key = id.strip().toLowerCase(Locale.ROOT);
    if (!ID.matcher(key).matches()) {
      return false;
    }
    return repository
        .take(key)
        .map(
            stored ->
                MessageDigest.isEqual(
                    stored.getBytes(StandardCharsets.UTF_8),
                    normalize(answer).getBytes(StandardCharsets.UTF_8)))
        .orElse(false);
  }

  private String randomAnswer(int length) {
    char[] chars = new char[length];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    return new String(chars);
  }

  private String newId() {
    byte[] bits = new byte[16];
    random.nextBytes(bits);
    return HexFormat.of().formatHex(bits);
  }

  private static String normalize(String answer) {
    return answer.strip().toLowerCase(Locale.ROOT);
  }
}
