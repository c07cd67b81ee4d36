package vent.provider.user.server;

import vent.common.config.ProviderConfig;

/**
 * Configuration of vent-provider-user: the common provider settings only (YAML shape in
 * {@link ProviderConfig}; defaults and environment variables in {@code config.yml}).
 */
public class UserProviderConfig extends ProviderConfig {

  /**
   * Checks what the YAML binding cannot.
   *
   * @throws IllegalArgumentException naming the first bad setting
   */
  public void validate() {
    if (application == null || application.isBlank()) {
      throw new IllegalArgumentException("application must be set");
    }
    if (server.port < 1 || server.port > 65535) {
      throw new IllegalArgumentException("server.port must be 1-65535, got " + server.port);
    }
    if (redis.address == null || redis.address.isBlank()) {
      throw new IllegalArgumentException("redis.address must be set");
    }
    if (redis.password == null) {
      redis.password = "";
    }
  }
}
