package vent.common.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import vent.common.config.global.GlobalConfigSettings;
import vent.common.sentinel.SentinelSettings;

/**
 * Configuration every provider has; a provider's own configuration class extends it with its own
 * section.
 *
 * <p>YAML shape: {@code {application: vent-provider-user, server: ServerSettings, registry:
 * RegistrySettings, redis: RedisSettings, consumerTimeoutMs: 3000, sentinel: SentinelSettings, tls:
 * TlsSettings, callers: CallerSettings, globalConfig: GlobalConfigSettings, events:
 * EventSettings}}. Constraints are Bean Validation annotations, checked by {@link ConfigLoader}; a
 * provider's own sections carry their own.
 */
public class ProviderConfig {
  /** Dubbo application name, also the name operators see in logs and dashboards. */
  @NotBlank(message = "must be set")
  @JsonProperty
  public String application;

  @Valid @NotNull @JsonProperty public ServerSettings server = new ServerSettings();
  @Valid @NotNull @JsonProperty public RegistrySettings registry = new RegistrySettings();
  @Valid @NotNull @JsonProperty public RedisSettings redis = new RedisSettings();

  /** Per-call timeout of the Dubbo references this process holds (if any), milliseconds. */
  @JsonProperty public int consumerTimeoutMs = 3000;

  /** Sentinel: rules from Consul KV, the command port, the dashboard. */
  @Valid @NotNull @JsonProperty public SentinelSettings sentinel = new SentinelSettings();

  /** Triple over mutual TLS (between hosts); off by default. */
  @Valid @NotNull @JsonProperty public TlsSettings tls = new TlsSettings();

  /** Caller authentication between Vent processes (secrets never logged). */
  @Valid @NotNull @JsonProperty public CallerSettings callers = new CallerSettings();

  /** Where the global configuration is in Consul KV. */
  @Valid @NotNull @JsonProperty
  public GlobalConfigSettings globalConfig = new GlobalConfigSettings();

  /** Domain event streams: trimming and consumer groups. */
  @Valid @NotNull @JsonProperty public EventSettings events = new EventSettings();
}
