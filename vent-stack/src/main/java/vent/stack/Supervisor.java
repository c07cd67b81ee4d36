package vent.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Debian's supervisord for one state dir, driven through supervisorctl on its unix socket. */
final class Supervisor {

  /** A program's state as supervisorctl reports it (RUNNING, STARTING, BACKOFF, FATAL, ...). */
  record State(String state, long pid) {
    boolean up() {
      return state.equals("RUNNING") || state.equals("STARTING");
    }

    /** Not on its way up: exited while starting (back-off, given up), or never started. */
    boolean failed() {
      return !up();
    }
  }

  private static final Pattern LINE =
      Pattern.compile("^(?:[a-z0-9-]+:)?([A-Za-z0-9_-]+)\\s+([A-Z]+)(?:\\s+pid (\\d+),.*)?.*$");

  private final Settings s;

  Supervisor(Settings s) {
    this.s = s;
  }

  Path conf() {
    return s.stateDir.resolve("supervisord.conf");
  }

  Path socket() {
    return s.runDir().resolve("supervisor.sock");
  }

  /** True when this state dir's supervisord answers on its socket. */
  boolean running() {
    if (!Files.exists(socket()) || !Files.exists(conf())) {
      return false;
    }
    Result r = ctl(10, "pid");
    return r.code() == 0 && r.out().strip().matches("[0-9]+");
  }

  /** Starts supervisord (it daemonizes) and waits until it answers. */
  void start(Map<String, String> secretEnv) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
                Binaries.onPath("supervisord", "supervisord is missing: ./vent installs it"),
                "-c",
                conf().toString())
            .directory(s.root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(s.logDir().resolve("supervisord.start.log").toFile());
    // The programs inherit supervisord's environment; each program's shell removes these again.
    pb.environment().keySet().removeIf(k -> k.startsWith("VENT_SUPERVISED_"));
    pb.environment().putAll(secretEnv);
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw Out.die(
          "supervisord did not start: "
              + Files.readString(s.logDir().resolve("supervisord.start.log")).strip());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!running()) {
      if (System.nanoTime() > deadline) {
        throw Out.die("supervisord does not answer on " + socket());
      }
      Thread.sleep(100);
    }
  }

  /** Each program's state, by process name. */
  Map<String, State> status() {
    Map<String, State> out = new LinkedHashMap<>();
    if (!Files.exists(socket())) {
      return out;
    }
    for (String line : ctl(20, "status").out().split("\n")) {
      Matcher m = LINE.matcher(line.strip());
      if (m.matches()) {
        long pid = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
        if (pid == 0 && m.group(2).equals("STARTING")) {
          // supervisorctl shows no pid while a program starts; its shell wrote it already.
          pid = pidFile(m.group(1));
        }
        out.put(m.group(1), new State(m.group(2), pid));
      }
    }
    return out;
  }

  private long pidFile(String name) {
    try {
      long pid = Long.parseLong(Files.readString(s.runDir().resolve(name + ".pid")).strip());
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? pid : 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Starts the groups of the given processes: all stopped programs of a group at once, in parallel
   * (supervisorctl would start single names one after the other, each waiting its startsecs).
   */
  Result startPrograms(List<ProcessSpec> processes) {
    List<String> args = new ArrayList<>(List.of("start"));
    processes.stream().map(p -> p.group() + ":*").distinct().forEach(args::add);
    return ctl(s.startTimeout + 30, args.toArray(String[]::new));
  }

  /** Stops a whole group at once (SIGTERM, SIGKILL after stopwaitsecs). */
  Result stopGroup(String group) {
    return ctl(s.stopTimeout + 30, "stop", group + ":*");
  }

  /** Stops supervisord itself (and whatever still runs under it). */
  Result shutdown() {
    return ctl(s.stopTimeout + 30, "shutdown");
  }

  record Result(int code, String out) {}

  Result ctl(int timeoutSeconds, String... args) {
    List<String> cmd = new ArrayList<>(List.of("supervisorctl", "-c", conf().toString()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, out);
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      return new Result(-1, String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }
}
