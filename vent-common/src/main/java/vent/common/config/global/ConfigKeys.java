package vent.common.config.global;

import static vent.common.config.global.ConfigKey.Mode.LIVE;
import static vent.common.config.global.ConfigKey.Mode.STARTUP;

import java.util.List;

/**
 * Every key of the global configuration (Consul KV {@code <kvPrefix>/global/<name>} and {@code
 * <kvPrefix>/<application>/<name>}), declared once. The defaults here equal the shipped YAML files
 * and {@code consul-config/global.properties} (ConfigKeysTest checks the latter); docs/CONFIG.md
 * explains each key.
 */
public final class ConfigKeys {

  /** Lifetime of new access tokens (JWT {@code exp - iat}, the {@code expiresIn} of a login). */
  public static final ConfigKey<Integer> ACCESS_TOKEN_TTL_SECONDS =
      ConfigKey.integer(
          "auth.access-token-ttl-seconds",
          LIVE,
          900,
          30,
          86_400,
          "seconds",
          "vent-provider-auth auth.accessTokenTtlSeconds");

  /** Lifetime of new refresh tokens, and how long an idle session lives. */
  public static final ConfigKey<Integer> REFRESH_TOKEN_TTL_SECONDS =
      ConfigKey.integer(
          "auth.refresh-token-ttl-seconds",
          LIVE,
          2_592_000,
          300,
          31_536_000,
          "seconds",
          "vent-provider-auth auth.refreshTokenTtlSeconds");

  /** Failed logins per username or client IP within the window before a login needs a captcha. */
  public static final ConfigKey<Integer> LOGIN_FAILURES_BEFORE_CAPTCHA =
      ConfigKey.integer(
          "auth.login-failures-before-captcha",
          LIVE,
          3,
          1,
          1000,
          "failed logins",
          "vent-provider-auth auth.loginFailuresBeforeCaptcha");

  /** How long a failed login counts towards the captcha threshold. */
  public static final ConfigKey<Integer> LOGIN_FAILURE_WINDOW_SECONDS =
      ConfigKey.integer(
          "auth.login-failure-window-seconds",
          LIVE,
          900,
          1,
          86_400,
          "seconds",
          "vent-provider-auth auth.loginFailureWindowSeconds");

  /**
   * bcrypt cost of password hashes made from now on (2^cost rounds); existing hashes keep theirs.
   */
  public static final ConfigKey<Integer> BCRYPT_COST =
      ConfigKey.integer(
          "auth.bcrypt-cost",
          STARTUP,
          10,
          4,
          31,
          "log2 rounds",
          "vent-provider-auth auth.bcryptCost");

  /**
   * How often each auth instance checks for a rotated or due signing key (a timer set at start).
   */
  public static final ConfigKey<Integer> SIGNING_KEY_CHECK_SECONDS =
      ConfigKey.integer(
          "auth.signing-key-check-seconds",
          STARTUP,
          60,
          1,
          3600,
          "seconds",
          "vent-provider-auth auth.signingKeyCheckSeconds");

  /** How long a new captcha's answer is kept ({@code expiresAt} of {@code POST /captchas}). */
  public static final ConfigKey<Integer> CAPTCHA_TTL_SECONDS =
      ConfigKey.integer(
          "captcha.ttl-seconds",
          LIVE,
          120,
          10,
          3600,
          "seconds",
          "vent-provider-captcha captcha.ttlSeconds");

  /** Characters in a new captcha's answer. */
  public static final ConfigKey<Integer> CAPTCHA_LENGTH =
      ConfigKey.integer(
          "captcha.length", LIVE, 5, 4, 8, "characters", "vent-provider-captcha captcha.length");

  /** Width of new captcha images. */
  public static final ConfigKey<Integer> CAPTCHA_WIDTH =
      ConfigKey.integer(
          "captcha.width", LIVE, 160, 80, 400, "pixels", "vent-provider-captcha captcha.width");

  /** Height of new captcha images. */
  public static final ConfigKey<Integer> CAPTCHA_HEIGHT =
      ConfigKey.integer(
          "captcha.height", LIVE, 60, 30, 200, "pixels", "vent-provider-captcha captcha.height");

  /**
   * Largest page ({@code limit}) of follower/following lists, mutuals and suggestions, and most ids
   * in one {@code /me/relationships} call. One key for vent-web and the relation service, which
   * must agree (vent-web would otherwise let through a limit the provider refuses).
   */
  public static final ConfigKey<Integer> PAGE_SIZE_MAX =
      ConfigKey.integer(
          "paging.page-size-max",
          LIVE,
          100,
          1,
          500,
          "entries",
          "vent-web api.maxPageSize; vent-provider-relation relation.maxPageSize");

  /**
   * Entries a home timeline keeps (newest first): fan-out and posting trim each timeline to this;
   * older vents are still in their authors' lists.
   */
  public static final ConfigKey<Integer> TIMELINE_CAPACITY =
      ConfigKey.integer(
          "timeline.capacity",
          LIVE,
          800,
          10,
          10_000,
          "entries",
          "vent-provider-post post.timelineCapacity");

  /**
   * An author with more followers than this is not fanned out: their vents are merged into their
   * followers' home timelines when those are read.
   */
  public static final ConfigKey<Integer> TIMELINE_FAN_OUT_THRESHOLD =
      ConfigKey.integer(
          "timeline.fan-out-threshold",
          LIVE,
          1000,
          0,
          1_000_000,
          "followers",
          "vent-provider-post post.fanOutThreshold");

  /** {@code POST /users}: false answers 503 REGISTRATION_DISABLED. */
  public static final ConfigKey<Boolean> REGISTRATION_ENABLED =
      ConfigKey.bool(
          "features.registration-enabled", LIVE, true, "vent-web features.registrationEnabled");

  /** {@code GET /me/suggestions}: false answers 503 SUGGESTIONS_DISABLED. */
  public static final ConfigKey<Boolean> SUGGESTIONS_ENABLED =
      ConfigKey.bool(
          "features.suggestions-enabled", LIVE, true, "vent-web features.suggestionsEnabled");

  /** All keys, in the order docs/CONFIG.md lists them. */
  public static final List<ConfigKey<?>> ALL =
      List.of(
          ACCESS_TOKEN_TTL_SECONDS,
          REFRESH_TOKEN_TTL_SECONDS,
          LOGIN_FAILURES_BEFORE_CAPTCHA,
          LOGIN_FAILURE_WINDOW_SECONDS,
          BCRYPT_COST,
          SIGNING_KEY_CHECK_SECONDS,
          CAPTCHA_TTL_SECONDS,
          CAPTCHA_LENGTH,
          CAPTCHA_WIDTH,
          CAPTCHA_HEIGHT,
          PAGE_SIZE_MAX,
          TIMELINE_CAPACITY,
          TIMELINE_FAN_OUT_THRESHOLD,
          REGISTRATION_ENABLED,
          SUGGESTIONS_ENABLED);

  private ConfigKeys() {}
}
