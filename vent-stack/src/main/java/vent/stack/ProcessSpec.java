package vent.stack;

import java.util.List;
import java.util.Map;

/**
 * One supervised process of the stack.
 *
 * @param name e.g. {@code consul}, {@code relation-2}, {@code web}: its log is {@code
 *     logs/<name>.log}, its current pid {@code run/<name>.pid}
 * @param group the supervisord group: {@code down} stops group by group
 * @param command the program and its arguments (no secret: {@code ps} shows them)
 * @param env variables set for it; values may hold secrets (the configuration refers to them)
 * @param unset variables removed from the environment it inherits
 * @param ports the ports it listens on, checked free before it starts
 * @param sentinelPort its Sentinel command port, or 0
 * @param provider the provider it is an instance of, or null
 * @param instance its instance number (1-based), or 0
 */
record ProcessSpec(
    String name,
    String group,
    List<String> command,
    Map<String, String> env,
    List<String> unset,
    List<Integer> ports,
    int sentinelPort,
    Topology.Provider provider,
    int instance) {

  boolean isJava() {
    return provider != null || group.equals("web");
  }
}
