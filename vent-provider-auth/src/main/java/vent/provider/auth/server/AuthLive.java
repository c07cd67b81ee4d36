package vent.provider.auth.server;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import vent.common.config.global.ConfigKeys;
import vent.common.config.global.GlobalConfig;
import vent.common.config.global.Live;

/**
 * The auth settings that come from the global configuration (docs/CONFIG.md), each falling back to
 * its {@code auth:} YAML value: live ones as suppliers read on each use, start-up ones as values.
 *
 * @param accessTokenTtlSeconds live, seconds
 * @param refreshTokenTtlSeconds live, seconds
 * @param loginFailuresBeforeCaptcha live
 * @param loginFailureWindowSeconds live, seconds
 * @param bcryptCost start-up
 * @param signingKeyCheckSeconds start-up, seconds
 */
public record AuthLive(
    LongSupplier accessTokenTtlSeconds,
    LongSupplier refreshTokenTtlSeconds,
    IntSupplier loginFailuresBeforeCaptcha,
    LongSupplier loginFailureWindowSeconds,
    int bcryptCost,
    long signingKeyCheckSeconds) {

  /**
   * Binds the auth keys on {@code global} with the YAML values of {@code auth} as local layer.
   *
   * @throws IllegalArgumentException if a YAML value is outside the key's range
   */
  public static AuthLive bind(AuthSettings auth, GlobalConfig global) {
    Live<Integer> access =
        global.bind(
            ConfigKeys.ACCESS_TOKEN_TTL_SECONDS, Math.toIntExact(auth.accessTokenTtlSeconds));
    Live<Integer> refresh =
        global.bind(
            ConfigKeys.REFRESH_TOKEN_TTL_SECONDS, Math.toIntExact(auth.refreshTokenTtlSeconds));
    Live<Integer> failures =
        global.bind(ConfigKeys.LOGIN_FAILURES_BEFORE_CAPTCHA, auth.loginFailuresBeforeCaptcha);
    Live<Integer> window =
        global.bind(
            ConfigKeys.LOGIN_FAILURE_WINDOW_SECONDS,
            Math.toIntExact(auth.loginFailureWindowSeconds));
    return new AuthLive(
        access::get,
        refresh::get,
        failures::get,
        window::get,
        global.bind(ConfigKeys.BCRYPT_COST, auth.bcryptCost).get(),
        global
            .bind(
                ConfigKeys.SIGNING_KEY_CHECK_SECONDS, Math.toIntExact(auth.signingKeyCheckSeconds))
            .get());
  }

  /** The YAML values alone, never changing (tests; a process without Consul). */
  public static AuthLive local(AuthSettings auth) {
    return bind(auth, GlobalConfig.localOnly("vent-provider-auth"));
  }
}
