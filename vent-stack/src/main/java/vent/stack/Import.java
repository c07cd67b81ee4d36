package vent.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code import FILE}: a SNAP edge list into the running stack, through vent-web's import. */
@Command(
    name = "import",
    description = "Import a SNAP edge list (e.g. docs/datasets/wiki-Vote.txt).")
final class Import implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE")
  Path file;

  @Override
  public Integer call() throws Exception {
    Context c = Context.load(true);
    Path f = file.toAbsolutePath();
    if (!Files.isReadable(f)) {
      throw Out.die("cannot read " + file);
    }
    if (c.settings.onlyInfra) {
      throw Out.die(
          "the running stack was started with VENT_ONLY_INFRA=1 (no providers, no vent-web)");
    }
    Supervisor.State web = c.running ? c.supervisor.status().get(c.topology.web().name()) : null;
    if (web == null || !web.up()) {
      throw Out.die("vent-web is not running: start the stack with " + c.ventCmd() + "up");
    }
    for (Topology.Provider p : c.topology.providers()) {
      if (c.consul().passingPorts(p.service()).isEmpty()) {
        throw Out.die(
            "no passing " + p.service() + " instance in Consul: see " + c.ventCmd() + "status");
      }
    }
    if (new Health(c).webHealthCode() != 200) {
      throw Out.die("vent-web is not healthy: see " + c.ventCmd() + "status");
    }
    return run(c, f);
  }

  /** Runs the import as a one-off batch client: no command port, no heartbeat, no rules. */
  static int run(Context c, Path file) throws Exception {
    Out.say("importing " + file);
    Topology.Web w = c.topology.web();
    Path jar = c.root.resolve(w.jar());
    List<String> cmd = new ArrayList<>(List.of(c.binaries.java()));
    cmd.addAll(c.binaries.javaOpts(c.settings));
    if (c.settings.cds) {
      // vent-web's archive, read-only, if there is one: the import loads most of its classes.
      cmd.addAll(
          Cds.options(jar, false, c.binaries.java()).stream()
              .filter(o -> o.startsWith("-XX:SharedArchiveFile="))
              .toList());
    }
    cmd.addAll(
        List.of(
            "-Dvent.process=import",
            "-jar",
            jar.toString(),
            "import",
            c.root.resolve(w.config()).toString(),
            file.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(c.root.toFile()).inheritIO();
    Map<String, String> env = pb.environment();
    env.putAll(c.processes().webEnv());
    env.remove("VENT_CAPTCHA_TEST_ANSWER");
    env.remove("VENT_SENTINEL_DASHBOARD");
    env.put("VENT_SENTINEL_ENABLED", "false");
    env.put(
        "VENT_SENTINEL_LOG_DIR",
        c.settings.logDir().resolve("sentinel").resolve("import").toString());
    return pb.start().waitFor();
  }
}
