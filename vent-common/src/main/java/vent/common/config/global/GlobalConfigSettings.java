package vent.common.config.global;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;

/**
 * Where a process finds the global configuration in Consul KV.
 *
 * <p>YAML shape: {@code {kvPrefix: ${VENT_CONFIG_KV_PREFIX}}}; no default: the launcher's, from
 * stack/local.yml.
 */
public class GlobalConfigSettings {
  /**
   * The KV folder of the whole configuration, without a trailing slash: values at {@code
   * <kvPrefix>/global/<key>} and {@code <kvPrefix>/<application>/<key>}.
   */
  @NotBlank(message = "must be set")
  @JsonProperty
  public String kvPrefix;
}
