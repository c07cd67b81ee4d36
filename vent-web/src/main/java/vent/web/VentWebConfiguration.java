package vent.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import vent.common.config.CallerSettings;
import vent.common.config.EventSettings;
import vent.common.config.RedisSettings;
import vent.common.config.RegistrySettings;
import vent.common.config.TlsSettings;
import vent.common.config.global.GlobalConfigSettings;
import vent.common.sentinel.SentinelSettings;

/**
 * vent-web's typed configuration ({@code vent-web/config.yml}, {@code ${ENV:-default}} and {@code
 * ${ENV}} substituted; the ports and Consul KV prefixes have no default: the launcher's, from
 * stack/local.yml).
 *
 * <p>YAML shape, besides Dropwizard's own {@code server} and {@code logging} sections: {@code
 * {loopbackOnly: true, registry: {host, port}, redis: {address, password, ...}, rpc: {timeoutMs:
 * 3000, readRetries: 2, importTimeoutMs: 60000}, api: {maxBodyBytes: 65536, defaultPageSize: 20,
 * maxPageSize: 100, trustedProxies: ""}, cors: {allowedOrigins: "", preflightMaxAgeSeconds: 600},
 * auth: {deletedUsersWindowSeconds: 1200, audience: vent-web}, features: {registrationEnabled:
 * true, suggestionsEnabled: true}, sentinel: {enabled: true, commandHost: 127.0.0.1, commandPort,
 * dashboard: "", logDir: "", kvPrefix}, globalConfig: {kvPrefix}, observability: {metrics: on,
 * instance: web, consulRegistration: true}}}, and Dropwizard's {@code health} block (readiness and
 * liveness checks, docs/OPERATIONS.md).
 */
public class VentWebConfiguration extends Configuration {

  /**
   * Register and call Dubbo on 127.0.0.1 only ({@code vent.common.dubbo.LoopbackNetwork}): true for
   * a one-machine stack.
   */
  @JsonProperty public boolean loopbackOnly = true;

  /** Where Consul is: Dubbo discovers the providers there, and the health checks read it. */
  @Valid @NotNull @JsonProperty public RegistrySettings registry = new RegistrySettings();

  /**
   * Where Redis is: vent-web reads the user event stream there (deleted users) and pings it for its
   * health check.
   */
  @Valid @NotNull @JsonProperty public RedisSettings redis = new RedisSettings();

  /** The event streams' shard count ({@code events.shards}); vent-web tails every user shard. */
  @Valid @NotNull @JsonProperty public EventSettings events = new EventSettings();

  @Valid @NotNull @JsonProperty public RpcSettings rpc = new RpcSettings();

  @Valid @NotNull @JsonProperty public ApiSettings api = new ApiSettings();

  @Valid @NotNull @JsonProperty public AuthSettings auth = new AuthSettings();

  /** Cross-origin requests from browser clients; off while no origin is allowed. */
  @Valid @NotNull @JsonProperty public CorsSettings cors = new CorsSettings();

  /**
   * Sentinel (rate limits, circuit breakers, rules from Consul KV, dashboard); {@code enabled:
   * false} registers none of it. The import command never starts it.
   */
  @Valid @NotNull @JsonProperty public SentinelSettings sentinel = new SentinelSettings();

  /** Where the global configuration is in Consul KV. */
  @Valid @NotNull @JsonProperty
  public GlobalConfigSettings globalConfig = new GlobalConfigSettings();

  /**
   * Feature switches: the local layer of {@code features.*} in the global configuration
   * (docs/CONFIG.md).
   */
  @Valid @NotNull @JsonProperty public FeatureSettings features = new FeatureSettings();

  /** Triple over mutual TLS to the providers (between hosts); off by default. */
  @Valid @NotNull @JsonProperty public TlsSettings tls = new TlsSettings();

  /**
   * The caller name and secret vent-web (and the import command) proves itself with to the
   * providers ({@code vent/common/v1/caller.proto}); never logged.
   */
  @Valid @NotNull @JsonProperty public CallerSettings callers = new CallerSettings();

  /** Prometheus metrics and vent-web's own Consul registration (docs/OPERATIONS.md). */
  @Valid @NotNull @JsonProperty
  public ObservabilitySettings observability = new ObservabilitySettings();

  /** Metrics and Consul registration of this instance. */
  public static class ObservabilitySettings {
    /**
     * {@code on}: a Prometheus registry, {@code /prometheus} on the admin port and REST route
     * timings; {@code off}: none of them, and no per-request cost ({@code VENT_METRICS}).
     */
    @NotNull
    @Pattern(regexp = "on|off", message = "must be on or off")
    @JsonProperty
    public String metrics = "on";

    /**
     * This instance's name: the {@code instance} tag of its metrics and its Consul ids {@code
     * vent-web-<instance>} and {@code vent-metrics-vent-web-<instance>}.
     */
    @NotBlank
    @Pattern(regexp = "[a-z0-9-]+", message = "must be lower-case letters, digits and -")
    @JsonProperty
    public String instance = "web";

    /**
     * Register {@code vent-web} (and, with metrics on, {@code vent-metrics}) in Consul while
     * running.
     */
    @JsonProperty public boolean consulRegistration = true;

    /**
     * @return whether metrics are on
     */
    public boolean metricsOn() {
      return metrics.equals("on");
    }
  }

  /** How vent-web calls the providers. */
  public static class RpcSettings {
    /** Per-call timeout of a REST request's RPCs, milliseconds. */
    @Min(1)
    @JsonProperty
    public int timeoutMs = 3000;

    /**
     * Extra attempts on another instance for calls that are safe to repeat (reads,
     * follow/unfollow).
     */
    @Min(0)
    @Max(5)
    @JsonProperty
    public int readRetries = 2;

    /**
     * Per-call timeout of the import command's bulk RPCs (1000 users / 5000 edges), milliseconds.
     */
    @Min(1)
    @JsonProperty
    public int importTimeoutMs = 60_000;
  }

  /** Limits of the REST API. */
  public static class ApiSettings {
    /** Largest request body accepted, bytes; larger ones get 413 PAYLOAD_TOO_LARGE. */
    @Min(1)
    @JsonProperty
    public long maxBodyBytes = 65_536;

    /** Page size of follower/following lists and suggestions when {@code limit} is absent. */
    @Min(1)
    @JsonProperty
    public int defaultPageSize = 20;

    /**
     * Largest accepted {@code limit}, and most ids in one {@code /me/relationships} call: the local
     * layer of {@code paging.page-size-max} (docs/CONFIG.md), which Consul KV overrides.
     */
    @Min(1)
    @Max(500)
    @JsonProperty
    public int maxPageSize = 100;

    /**
     * The reverse proxies in front of vent-web whose {@code X-Forwarded-For} names the client
     * (per-IP limits, login checks): comma-separated IP addresses or CIDR blocks, e.g. {@code
     * "127.0.0.1/32, 10.0.0.0/8"}; empty = none, the connection's address is the client's. Only a
     * connection from one of them is believed, and only the entries it and the other trusted
     * proxies appended ({@code vent.web.limits.ClientIps}). An entry that is not an IP literal or
     * CIDR block stops vent-web at start-up.
     */
    @NotNull @JsonProperty public String trustedProxies = "";
  }

  /** CORS ({@code vent.web.http.Cors}): which browser origins may call the API. */
  public static class CorsSettings {
    /**
     * Comma-separated origins allowed to call the API from a browser, each {@code
     * scheme://host[:port]} exactly as the browser sends it in {@code Origin} (no paths, no
     * wildcards), e.g. {@code "https://app.example.com,http://localhost:5173"}; empty = CORS off
     * ({@code VENT_CORS_ALLOWED_ORIGINS}). An entry that is not an origin stops vent-web at
     * start-up.
     */
    @NotNull @JsonProperty public String allowedOrigins = "";

    /** How long a browser may reuse a preflight's answer, seconds. */
    @Min(0)
    @Max(86_400)
    @JsonProperty
    public int preflightMaxAgeSeconds = 600;
  }

  /** Bearer tokens. */
  public static class AuthSettings {
    /**
     * The shortest time vent-web refuses the access tokens of a deleted user, seconds. The window
     * in force is the longer of this and the global configuration's access-token lifetime ({@code
     * auth.access-token-ttl-seconds}, docs/CONFIG.md) plus 300 s for clock skew and a refresh
     * racing the deletion, so it follows a live change of that lifetime.
     */
    @Min(60)
    @JsonProperty
    public long deletedUsersWindowSeconds = 1200;

    /** The {@code aud} access tokens must carry (the auth provider's {@code auth.audience}). */
    @NotBlank @JsonProperty public String audience = "vent-web";
  }

  /** Feature switches; Consul KV {@code features.*} overrides them while vent-web runs. */
  public static class FeatureSettings {
    /** {@code POST /users} open; false answers 503 REGISTRATION_DISABLED. */
    @JsonProperty public boolean registrationEnabled = true;

    /** {@code GET /me/suggestions} served; false answers 503 SUGGESTIONS_DISABLED. */
    @JsonProperty public boolean suggestionsEnabled = true;
  }
}
