package vent.common.config;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${NAME}} references without a default in a configuration text: each must be set in the
 * environment. The stack's ports and Consul KV prefixes are such references, so that the topology
 * (stack/local.yml, passed on by the launcher) is the one place that states them.
 */
public final class RequiredVariables {

  /** {@code ${NAME}}, not {@code ${NAME:-default}}. */
  private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private RequiredVariables() {}

  /**
   * @param text a configuration text before substitution
   * @param env the environment it is substituted from
   * @throws IllegalArgumentException naming every referenced variable without a default that {@code
   *     env} lacks, e.g. {@code VENT_PORT is not set (./vent sets it from stack/local.yml)}
   */
  public static void check(String text, Function<String, String> env) {
    TreeSet<String> missing = new TreeSet<>();
    Matcher m = REQUIRED.matcher(text);
    while (m.find()) {
      if (env.apply(m.group(1)) == null) {
        missing.add(m.group(1));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(message(List.copyOf(missing)));
    }
  }

  /** As {@link #check(String, Function)}, over a map. */
  public static void check(String text, Map<String, String> env) {
    check(text, env::get);
  }

  private static String message(List<String> missing) {
    return missing.size() == 1
        ? missing.get(0) + " is not set (./vent sets it from stack/local.yml)"
        : String.join(", ", missing) + " are not set (./vent sets them from stack/local.yml)";
  }
}
