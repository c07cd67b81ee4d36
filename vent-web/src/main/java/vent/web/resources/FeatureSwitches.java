package vent.web.resources;

import java.util.function.BooleanSupplier;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

/** Refuses requests to a feature an operator switched off ({@code features.*}, docs/CONFIG.md). */
final class FeatureSwitches {

  /** Problem code of {@code POST /users} while registration is off. */
  static final String REGISTRATION_DISABLED = "REGISTRATION_DISABLED";

  /** Problem code of {@code GET /me/suggestions} while suggestions are off. */
  static final String SUGGESTIONS_DISABLED = "SUGGESTIONS_DISABLED";

  private FeatureSwitches() {}

  /**
   * @param enabled the switch, read now
   * @throws VentException UNAVAILABLE (503) with {@code code} when the switch is off
   */
  static void require(BooleanSupplier enabled, String code, String feature) {
    if (!enabled.getAsBoolean()) {
      throw new VentException(ErrorKind.UNAVAILABLE, code, feature + " is switched off for now");
    }
  }
}
