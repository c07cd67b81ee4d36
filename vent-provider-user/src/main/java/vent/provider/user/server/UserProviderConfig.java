package vent.provider.user.server;

import vent.common.config.ProviderConfig;

/**
 * Configuration of vent-provider-user: the common provider settings only (YAML shape and checks in
 * {@link ProviderConfig}; defaults and environment variables in {@code config.yml}).
 */
public class UserProviderConfig extends ProviderConfig {}
