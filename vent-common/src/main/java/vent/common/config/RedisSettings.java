package vent.common.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Arrays;
import java.util.List;

/**
 * Where this process's Redis deployment is and how to talk to it. Each process has its own, so the
 * services' data can live in different deployments.
 *
 * <p>YAML shape: {@code {mode: ${VENT_REDIS_MODE}, addresses: ${VENT_REDIS_ADDRESSES},
 * sentinelMaster: "", username: "", password: "", database: 0, connectionPoolSize: 16, timeoutMs:
 * 3000}}.
 */
public class RedisSettings {

  /** How the deployment is run, which decides what {@link #addresses} lists. */
  public enum Mode {
    /** One server: {@code addresses} is that server. */
    SINGLE,
    /** Redis Cluster: {@code addresses} are seed nodes; the rest is discovered. */
    CLUSTER,
    /** A primary with replicas watched by Redis Sentinels: {@code addresses} are the Sentinels. */
    SENTINEL;

    /** Accepts the YAML spelling {@code single}, {@code cluster}, {@code sentinel}. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static Mode of(String value) {
      for (Mode m : values()) {
        if (m.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
          return m;
        }
      }
      throw new IllegalArgumentException(
          "mode must be single, cluster or sentinel (got '" + value + "')");
    }
  }

  /** No default: the launcher's, from the topology's Redis deployment. */
  @NotNull(message = "must be single, cluster or sentinel")
  @JsonProperty
  public Mode mode;

  /**
   * Comma-separated {@code redis://host:port} ({@code rediss://} for TLS): the server (single),
   * seed nodes (cluster) or the Sentinels (sentinel). No default: the launcher's.
   */
  @NotBlank(message = "must be set")
  @JsonProperty
  public String addresses;

  /** The name the Sentinels know the primary by; sentinel mode only, required there. */
  @JsonProperty
  @JsonSetter(nulls = Nulls.AS_EMPTY)
  public String sentinelMaster = "";

  /** Empty for none (an empty YAML value, which YAML reads as null, too). Never logged. */
  @JsonProperty
  @JsonSetter(nulls = Nulls.AS_EMPTY)
  public String password = "";

  /** Empty for the default user; with {@link #password} selects a Redis 6+ ACL user. */
  @JsonProperty
  @JsonSetter(nulls = Nulls.AS_EMPTY)
  public String username = "";

  /** Logical database; Redis Cluster has only 0. */
  @Min(0)
  @JsonProperty
  public int database = 0;

  /** Connections kept open per Redis node. */
  @Min(1)
  @JsonProperty
  public int connectionPoolSize = 16;

  /** Response timeout of one Redis command, milliseconds. */
  @Min(1)
  @JsonProperty
  public int timeoutMs = 3000;

  /**
   * Replicas that must have a write before the durable writes of this process ({@code
   * vent.common.redis.DurableWrites}) are acknowledged: Redis's {@code WAIT}. 0 (the default) keeps
   * Redis's asynchronous replication, where a primary lost right after a write may take the write
   * with it.
   */
  @Min(0)
  @JsonProperty
  public int waitReplicas = 0;

  /** How long a durable write waits for {@link #waitReplicas}, milliseconds. */
  @Min(1)
  @JsonProperty
  public int waitTimeoutMs = 1000;

  /**
   * @param address {@code redis://host:port} of one server
   * @return settings of that single server, with the defaults otherwise (tests, tools)
   */
  public static RedisSettings single(String address) {
    RedisSettings s = new RedisSettings();
    s.mode = Mode.SINGLE;
    s.addresses = address;
    return s;
  }

  /** {@link #addresses} split at commas, blanks dropped. */
  @JsonIgnore
  public List<String> addressList() {
    return addresses == null
        ? List.of()
        : Arrays.stream(addresses.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
  }

  // The checks below are named after the property they check, so that a violation reads
  // "redis.<property> <message>"; @JsonIgnore keeps them out of the YAML binding.

  @JsonIgnore
  @AssertTrue(message = "is required in sentinel mode")
  public boolean isSentinelMaster() {
    return mode != Mode.SENTINEL || !sentinelMaster.isBlank();
  }

  @JsonIgnore
  @AssertTrue(message = "must list exactly one server in single mode")
  public boolean isAddresses() {
    return mode != Mode.SINGLE || addressList().size() <= 1;
  }

  @JsonIgnore
  @AssertTrue(message = "must be 0 in cluster mode (Redis Cluster has no other database)")
  public boolean isDatabase() {
    return mode != Mode.CLUSTER || database == 0;
  }
}
