package vent.provider.auth.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import vent.common.config.ProviderConfig;

/**
 * Configuration of vent-provider-auth: the common provider settings plus {@code auth} ({@link
 * AuthSettings}).
 */
public class AuthProviderConfig extends ProviderConfig {
  @JsonProperty public AuthSettings auth = new AuthSettings();
}
