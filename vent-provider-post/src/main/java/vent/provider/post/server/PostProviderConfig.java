package vent.provider.post.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import vent.common.config.ProviderConfig;
import vent.common.config.global.ConfigKeys;

/**
 * Configuration of vent-provider-post: the common provider settings plus a {@code post} section.
 *
 * <p>YAML shape: {@code {application, server, registry, redis, consumerTimeoutMs, post:
 * {timelineCapacity: 800, fanOutThreshold: 1000}}}.
 */
public class PostProviderConfig extends ProviderConfig {

  @JsonProperty public PostSettings post = new PostSettings();

  /** Local layers of the timeline keys of the global configuration (docs/CONFIG.md). */
  public static class PostSettings {
    /** Entries a home timeline keeps: the local layer of {@code timeline.capacity}. */
    @JsonProperty public int timelineCapacity = ConfigKeys.TIMELINE_CAPACITY.defaultValue();

    /**
     * Followers above which an author is merged in at read time: the local layer of {@code
     * timeline.fan-out-threshold}.
     */
    @JsonProperty public int fanOutThreshold = ConfigKeys.TIMELINE_FAN_OUT_THRESHOLD.defaultValue();
  }
}
