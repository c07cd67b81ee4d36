package vent.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code migrate}: moves a data set written by an older Vent to the current Redis key layout, by
 * running each provider's migration ({@code java -jar <provider>.jar migrate}) with the admin Redis
 * user. The stack must run with its providers stopped ({@code VENT_ONLY_INFRA=1 up}).
 */
@Command(
    name = "migrate",
    description =
        "Move an older data set to the current key layout (run with VENT_ONLY_INFRA=1 up first).")
final class Migrate implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    Context c = Context.load(true);
    if (!c.running) {
      throw Out.die("the stack is not running: start Consul and Redis with VENT_ONLY_INFRA=1 up");
    }
    Map<String, Supervisor.State> states = c.supervisor.status();
    for (Topology.Provider p : c.topology.providers()) {
      for (Map.Entry<String, Supervisor.State> e : states.entrySet()) {
        if (e.getKey().startsWith(p.name() + "-") && e.getValue().up()) {
          throw Out.die(
              e.getKey()
                  + " is running: migrate with the providers stopped (down, then VENT_ONLY_INFRA=1 up)");
        }
      }
    }
    int failed = 0;
    for (Topology.Provider p : c.topology.providers()) {
      int code = run(c, p);
      Out.say(p.name() + ": migration " + (code == 0 ? "done" : "FAILED (exit " + code + ")"));
      failed += code == 0 ? 0 : 1;
    }
    return failed == 0 ? 0 : 1;
  }

  private static int run(Context c, Topology.Provider p) throws Exception {
    ProcessSpec spec = c.processes().provider(p, 1);
    Path jar = c.root.resolve(p.jar());
    List<String> cmd = new ArrayList<>(List.of(c.binaries.java()));
    cmd.addAll(c.binaries.javaOpts(c.settings));
    cmd.addAll(List.of("-Dvent.process=migrate-" + p.name(), "-jar", jar.toString(), "migrate"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(c.root.toFile()).inheritIO();
    Map<String, String> env = pb.environment();
    spec.unset().forEach(env::remove);
    env.putAll(spec.env());
    // The old layout's keys lie outside the provider's own ACL patterns (an unsharded stream, say).
    if (c.secrets.redis) {
      env.put("VENT_REDIS_USERNAME", c.topology.redis().adminUser());
      env.put("VENT_REDIS_PASSWORD", c.secrets.get("REDIS_PASSWORD_admin"));
    }
    env.put("VENT_SENTINEL_ENABLED", "false");
    return pb.start().waitFor();
  }
}
