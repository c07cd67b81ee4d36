package vent.web;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import vent.common.config.global.ConfigKeys;
import vent.common.config.global.GlobalConfig;
import vent.common.config.global.Live;

/**
 * vent-web's settings from the global configuration (docs/CONFIG.md), all live: read by the
 * resources on each request, so an operator's change in Consul KV applies without a restart.
 *
 * @param maxPageSize largest {@code limit}, and most ids in one {@code /me/relationships} call
 * @param registrationEnabled false: {@code POST /users} answers 503 REGISTRATION_DISABLED
 * @param suggestionsEnabled false: {@code GET /me/suggestions} answers 503 SUGGESTIONS_DISABLED
 */
public record LiveSettings(
    IntSupplier maxPageSize,
    BooleanSupplier registrationEnabled,
    BooleanSupplier suggestionsEnabled) {

  /**
   * Binds vent-web's keys on {@code global}, the YAML values ({@code api.maxPageSize}, {@code
   * features.*}) as local layer.
   *
   * @throws IllegalArgumentException if a YAML value is outside its key's range
   */
  public static LiveSettings bind(VentWebConfiguration config, GlobalConfig global) {
    Live<Integer> maxPage = global.bind(ConfigKeys.PAGE_SIZE_MAX, config.api.maxPageSize);
    Live<Boolean> registration =
        global.bind(ConfigKeys.REGISTRATION_ENABLED, config.features.registrationEnabled);
    Live<Boolean> suggestions =
        global.bind(ConfigKeys.SUGGESTIONS_ENABLED, config.features.suggestionsEnabled);
    return new LiveSettings(maxPage::get, registration::get, suggestions::get);
  }

  /** The YAML values alone, never changing (tests). */
  public static LiveSettings local(VentWebConfiguration.ApiSettings api) {
    return new LiveSettings(() -> api.maxPageSize, () -> true, () -> true);
  }
}
