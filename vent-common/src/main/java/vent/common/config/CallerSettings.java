package vent.common.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Caller authentication between Vent processes ({@code vent/common/v1/caller.proto}, {@code
 * vent.common.dubbo.CallerAuthFilter}): the secret this process proves its application name with on
 * every call it makes, and, on a provider, the secrets of the applications it recognises. The
 * launcher generates one secret per application (docs/SECURITY.md).
 *
 * <p>YAML shape: {@code {name: "", secret: "${VENT_CALLER_SECRET:-}", trusted:
 * "${VENT_CALLER_SECRETS:-}"}}. {@link #toString()} never shows a secret.
 */
public class CallerSettings {

  /** The name this process calls as; empty = its Dubbo application name. */
  @JsonProperty public String name = "";

  /**
   * This process's caller secret, sent with every call; empty = calls carry no caller. Never
   * logged.
   */
  @JsonProperty public String secret = "";

  /**
   * Providers: the applications whose calls can be authenticated, {@code app=secret} pairs
   * separated by commas. Empty = caller authentication off: every method takes every caller, and
   * the provider logs {@code event=caller_auth_off} once at start. Never logged.
   */
  @JsonProperty public String trusted = "";

  /**
   * @return application name -> secret, from {@link #trusted}
   * @throws IllegalArgumentException if an entry is not {@code app=secret} with a non-empty secret
   */
  public Map<String, String> trustedSecrets() {
    Map<String, String> out = new LinkedHashMap<>();
    if (trusted == null || trusted.isBlank()) {
      return out;
    }
    for (String pair : trusted.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        // The entry itself holds a secret: name only its position.
        throw new IllegalArgumentException(
            "callers.trusted: entry " + (out.size() + 1) + " is not app=secret");
      }
      out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
    }
    return out;
  }

  @Override
  public String toString() {
    return "CallerSettings{name="
        + name
        + ", secret="
        + (secret == null || secret.isEmpty() ? "none" : "set")
        + ", trusted="
        + (trusted == null || trusted.isBlank() ? "none" : trustedSecrets().keySet())
        + "}";
  }
}
