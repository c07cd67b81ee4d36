package vent.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * supervisord.conf for a stack: a unix socket in the state dir (mode 700, no TCP), its log and pid
 * file in the state dir, and one program per process. Each program restarts when it exits
 * (autorestart), logs to {@code logs/<name>.log} with rotation, and writes its current pid to
 * {@code run/<name>.pid} before it becomes the real program (exec keeps the pid).
 *
 * <p>No secret is written into the file: a value that holds one is a {@code %(ENV_...)s} reference
 * to supervisord's own environment ({@link #secretEnvironment}), which the program's shell then
 * removes before it starts the real program.
 */
final class SupervisorConf {

  private static final String SECRET_PREFIX = "VENT_SUPERVISED_";
  private static final java.util.regex.Pattern INLINE_COMMENT =
      java.util.regex.Pattern.compile("\\s[;#]");

  private final Settings s;
  private final List<ProcessSpec> processes;
  private final Map<String, String> secretEnv = new LinkedHashMap<>();
  private final Map<String, String> refs = new LinkedHashMap<>();

  SupervisorConf(Settings s, List<ProcessSpec> processes, List<String> secretValues) {
    this.s = s;
    this.processes = processes;
    for (String v : secretValues) {
      if (!v.isEmpty() && !refs.containsKey(v)) {
        String key = SECRET_PREFIX + refs.size();
        refs.put(v, key);
        secretEnv.put(key, v);
      }
    }
  }

  /** The variables supervisord must be started with (they hold the secrets). */
  Map<String, String> secretEnvironment() {
    return secretEnv;
  }

  String render() {
    StringBuilder out = new StringBuilder();
    String run = s.runDir().toString();
    out.append("; written by ./vent up at every start of supervisord; edits are lost\n");
    out.append("[unix_http_server]\nfile=").append(esc(run)).append("/supervisor.sock\n");
    out.append("chmod=0700\n\n");
    out.append("[supervisord]\nlogfile=").append(esc(s.logDir().toString()));
    out.append("/supervisord.log\nlogfile_maxbytes=").append(s.logMaxBytes);
    out.append("\nlogfile_backups=").append(s.logBackups);
    out.append("\npidfile=").append(esc(s.stateDir.toString())).append("/supervisord.pid\n");
    out.append("umask=077\nnodaemon=false\nminfds=1024\nminprocs=200\n");
    out.append("directory=").append(esc(s.root.toString())).append("\n\n");
    out.append("[rpcinterface:supervisor]\n");
    out.append(
        "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n");
    out.append("[supervisorctl]\nserverurl=unix://")
        .append(esc(run))
        .append("/supervisor.sock\n\n");
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (ProcessSpec p : processes) {
      program(out, p);
      groups.computeIfAbsent(p.group(), g -> new ArrayList<>()).add(p.name());
    }
    groups.forEach(
        (group, names) -> {
          out.append("[group:").append(group).append("]\nprograms=");
          out.append(String.join(",", names)).append("\n\n");
        });
    return out.toString();
  }

  private void program(StringBuilder out, ProcessSpec p) {
    out.append("[program:").append(p.name()).append("]\n");
    out.append("command=").append(esc(command(p))).append('\n');
    out.append("directory=").append(esc(s.root.toString())).append('\n');
    out.append("autostart=false\nautorestart=true\n");
    // A JVM that survives its first seconds counts as started; one that dies sooner is retried
    // with a growing back-off and then given up (FATAL), which `up` reports at once.
    out.append("startsecs=").append(p.isJava() ? 5 : 1).append("\nstartretries=3\n");
    out.append("stopsignal=TERM\nstopwaitsecs=").append(s.stopTimeout).append('\n');
    out.append("stopasgroup=true\nkillasgroup=true\n");
    out.append("redirect_stderr=true\n");
    out.append("stdout_logfile=").append(esc(s.logDir().resolve(p.name() + ".log").toString()));
    out.append("\nstdout_logfile_maxbytes=").append(s.logMaxBytes);
    out.append("\nstdout_logfile_backups=").append(s.logBackups).append('\n');
    if (!p.env().isEmpty()) {
      out.append("environment=");
      out.append(
          p.env().entrySet().stream()
              .map(e -> e.getKey() + "=\"" + value(e.getKey(), e.getValue()) + "\"")
              .collect(Collectors.joining(",")));
      out.append('\n');
    }
    out.append('\n');
  }

  /**
   * {@code /bin/sh -c '...'}: a start line in the log, the pid file, the environment cleaned, then
   * exec of the real program (with the class-data sharing option chosen at each start: {@link
   * Cds#restartPrelude}).
   */
  String command(ProcessSpec p) {
    Path pid = s.runDir().resolve(p.name() + ".pid");
    List<String> unset = new ArrayList<>(p.unset());
    unset.addAll(secretEnv.keySet());
    StringBuilder sh = new StringBuilder();
    List<String> shown = new ArrayList<>();
    List<String> words = new ArrayList<>();
    for (String a : p.command()) {
      Optional<String> prelude = Cds.restartPrelude(a);
      prelude.ifPresent(sh::append);
      shown.add(prelude.isPresent() ? "$cds" : a.replaceAll("[\"$`;#]", ""));
      words.add(prelude.isPresent() ? "\"$cds\"" : quote(a));
    }
    sh.append("echo \"===== $(date '+%F %T') vent: starting ")
        .append(p.name())
        .append(": ")
        .append(String.join(" ", shown))
        .append("\"; ");
    sh.append("echo $$ >").append(quote(pid + ".tmp")).append(" && mv -f ");
    sh.append(quote(pid + ".tmp")).append(' ').append(quote(pid.toString())).append("; ");
    if (!unset.isEmpty()) {
      sh.append("unset ").append(String.join(" ", unset)).append("; ");
    }
    sh.append("exec ").append(String.join(" ", words));
    return commentFree(p.name() + "'s command", "/bin/sh -c " + quote(sh.toString()));
  }

  /**
   * supervisord reads a space followed by ; or # as the start of a comment, even inside quotes:
   * such a value would be cut short.
   */
  private static String commentFree(String what, String value) {
    if (INLINE_COMMENT.matcher(value).find()) {
      throw Out.die(what + " must not contain a space followed by ; or # (supervisord.conf)");
    }
    return value;
  }

  private String value(String key, String v) {
    if (v.contains("\"") || v.contains("\n")) {
      throw Out.die(key + " must not contain \" or a line break");
    }
    String ref = refs.get(v);
    return ref != null ? "%(ENV_" + ref + ")s" : commentFree(key, esc(v));
  }

  /** supervisord expands %(name)s in its values: a literal % is %%. */
  private static String esc(String v) {
    return v.replace("%", "%%");
  }

  /** The word as is when it is safe, else single-quoted, for /bin/sh and supervisord's shlex. */
  static String quote(String word) {
    if (!word.isEmpty() && word.matches("[A-Za-z0-9_./=:,+@-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
