package vent.provider.auth.server;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code auth} section of the configuration.
 *
 * <p>YAML shape: {@code {accessTokenTtlSeconds: 900, refreshTokenTtlSeconds: 2592000, bcryptCost:
 * 10, issuer: vent-auth, audience: vent-web, loginFailuresBeforeCaptcha: 3,
 * loginFailureWindowSeconds: 900, signingKeyRotationSeconds: 2592000, signingKeyCheckSeconds: 60}}.
 */
public class AuthSettings {
  /** Access token lifetime, seconds (env VENT_ACCESS_TOKEN_TTL_SECONDS). */
  @JsonProperty public long accessTokenTtlSeconds = 900;

  /**
   * Refresh token lifetime and idle session lifetime, seconds (env VENT_REFRESH_TOKEN_TTL_SECONDS).
   */
  @JsonProperty public long refreshTokenTtlSeconds = 2_592_000;

  /** bcrypt cost factor: 2^cost rounds, 4..31 (env VENT_BCRYPT_COST). */
  @JsonProperty public int bcryptCost = 10;

  /** The {@code iss} claim of access tokens; vent-web checks it. */
  @JsonProperty public String issuer = "vent-auth";

  /**
   * The {@code aud} claim of access tokens (env VENT_TOKEN_AUDIENCE); vent-web accepts only its
   * own.
   */
  @JsonProperty public String audience = "vent-web";

  /**
   * Failed logins per username or client IP after which a login needs a captcha (env
   * VENT_LOGIN_FAILURES_BEFORE_CAPTCHA), at least 1.
   */
  @JsonProperty public int loginFailuresBeforeCaptcha = 3;

  /**
   * How long one signing key signs before it is replaced, seconds (env
   * VENT_SIGNING_KEY_ROTATION_SECONDS); default 30 days. Replaced keys verify until the tokens they
   * signed expire.
   */
  @JsonProperty public long signingKeyRotationSeconds = 2_592_000;

  /**
   * How often each instance checks for a rotated or due key, seconds (env
   * VENT_SIGNING_KEY_CHECK_SECONDS).
   */
  @JsonProperty public long signingKeyCheckSeconds = 60;

  /** How long a failed login counts, seconds (env VENT_LOGIN_FAILURE_WINDOW_SECONDS). */
  @JsonProperty public long loginFailureWindowSeconds = 900;
}
