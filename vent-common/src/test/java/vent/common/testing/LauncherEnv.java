package vent.common.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * What the launcher passes to every Java process from the topology (ports, Redis deployment, event
 * shards, Consul KV prefixes), for unit tests that parse a shipped configuration. The values are
 * deliberately NOT the topology's, so no test states those again.
 */
public final class LauncherEnv {

  private LauncherEnv() {}

  /**
   * @param more extra {@code name, value} pairs, which win
   * @return a new mutable map with every variable a shipped configuration requires
   */
  public static Map<String, String> with(String... more) {
    Map<String, String> env = new HashMap<>();
    env.put("VENT_PORT", "21880");
    env.put("VENT_HTTP_PORT", "18080");
    env.put("VENT_ADMIN_PORT", "18081");
    env.put("VENT_CONSUL_PORT", "18500");
    env.put("VENT_REDIS_MODE", "single");
    env.put("VENT_REDIS_ADDRESSES", "redis://127.0.0.1:16379");
    env.put("VENT_EVENT_SHARDS", "3");
    env.put("VENT_SENTINEL_PORT", "18729");
    env.put("VENT_SENTINEL_KV_PREFIX", "test/sentinel");
    env.put("VENT_CONFIG_KV_PREFIX", "test/config");
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  /**
   * @return {@link #with()} without {@code name}
   */
  public static Map<String, String> without(String name) {
    Map<String, String> env = with();
    env.remove(name);
    return env;
  }
}
