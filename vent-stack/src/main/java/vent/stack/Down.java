package vent.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code down}: stops the front first, then the providers (they deregister and drain), then
 * Prometheus, then Redis (SIGTERM: it flushes its AOF), then Consul, then supervisord. Data is
 * kept.
 */
@Command(name = "down", description = "Stop everything up started; data is kept.")
final class Down implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    Context c = Context.load(false);
    Settings s = c.settings;
    if (!Files.isDirectory(s.runDir())) {
      Out.say("nothing to stop in " + s.stateDir);
      return 0;
    }
    try (StateLock lock = StateLock.take(s)) {
      if (!c.supervisor.running()) {
        removePidFiles(s);
        Out.say("nothing to stop in " + s.stateDir);
        return 0;
      }
      Map<String, Supervisor.State> states = c.supervisor.status();
      Map<String, String> groups = new java.util.HashMap<>();
      c.processes().all().forEach(p -> groups.put(p.name(), p.group()));
      String web = c.topology.web().name();
      if (s.monitoring && c.consul().ready(c.topology.kv().sentinelRules())) {
        // While Consul still runs: a stopped stack shows no failing Prometheus in its catalog.
        new Prometheus(c).deregister();
      }
      // Zipkin after the JVMs: their agents send their last spans as they stop.
      // Prometheus goes before Consul, whose catalog it watches, and after the processes it
      // scrapes (their last samples are kept).
      for (String group :
          List.of(
              web,
              Processes.PROVIDERS,
              Tracing.GROUP,
              Prometheus.GROUP,
              Processes.REDIS,
              Processes.CONSUL)) {
        boolean any = false;
        for (Map.Entry<String, Supervisor.State> e : states.entrySet()) {
          if (groups.getOrDefault(e.getKey(), Processes.PROVIDERS).equals(group)
              && e.getValue().up()) {
            Out.say("stopping " + e.getKey() + " (pid " + e.getValue().pid() + ")");
            any = true;
          }
        }
        if (any) {
          c.supervisor.stopGroup(group);
        }
      }
      long pid = supervisordPid(s);
      c.supervisor.shutdown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(s.stopTimeout + 10L);
      while (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        if (System.nanoTime() > deadline) {
          throw Out.die("supervisord (pid " + pid + ") is still running");
        }
        Thread.sleep(100);
      }
      removePidFiles(s);
      Out.say("stopped; data kept in " + s.stateDir);
      return 0;
    }
  }

  private static long supervisordPid(Settings s) {
    try {
      return Long.parseLong(Files.readString(s.stateDir.resolve("supervisord.pid")).strip());
    } catch (Exception e) {
      return -1;
    }
  }

  private static void removePidFiles(Settings s) throws java.io.IOException {
    try (Stream<Path> files = Files.list(s.runDir())) {
      for (Path p : files.toList()) {
        if (p.getFileName().toString().endsWith(".pid")) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
