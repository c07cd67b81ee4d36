package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vent.stack.Topology;

/**
 * What supervision gives users of {@code ./vent up}: a provider killed with SIGKILL is running
 * again and passing its Consul check within 10 s, and every process's log is rotated at {@code
 * VENT_LOG_MAX_BYTES}, keeping {@code VENT_LOG_BACKUPS} old files. Its own stack: it kills a
 * process and logs with a tiny rotation size.
 */
@OwnStack(
    name = "supervision-stack",
    env = {"VENT_LOG_MAX_BYTES=" + SupervisionIT.LOG_MAX_BYTES, "VENT_LOG_BACKUPS=3"})
class SupervisionIT {

  static final int LOG_MAX_BYTES = 2048;

  /** supervisord writes what one read of a program's pipe brings: up to 128 KiB at once. */
  private static final int ONE_READ = 128 * 1024;

  @Test
  void aKilledProviderIsRunningAndPassingAgainWithinTenSeconds(Stack stack) throws Exception {
    Topology.Provider relation = stack.settings().topology().provider("relation");
    int port = stack.settings().triplePort(relation, 1);
    Consul consul = stack.consulClient();
    assertThat(consul.passingPorts(relation.service())).contains(port);
    long pid = stack.pid("relation-1");
    ProcessHandle victim = ProcessHandle.of(pid).orElseThrow();

    long t0 = System.nanoTime();
    assertThat(new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor()).isZero();
    assertThat(victim.onExit().get(5, TimeUnit.SECONDS).isAlive()).isFalse();
    long newPid = -1;
    while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30)) {
      newPid = stack.pid("relation-1");
      if (newPid != pid
          && ProcessHandle.of(newPid).map(ProcessHandle::isAlive).orElse(false)
          && consul.passingPorts(relation.service()).contains(port)) {
        break;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf(
        "event=provider_restarted name=relation-1 old_pid=%d new_pid=%d ms=%d%n", pid, newPid, ms);
    assertThat(newPid).as("run/relation-1.pid holds the new pid").isNotEqualTo(pid);
    assertThat(ms).as("killed until running and passing in Consul, ms").isLessThanOrEqualTo(10_000);

    Stack.Result status = stack.vent(Duration.ofSeconds(60), "status");
    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.output()).containsPattern("relation-1 +running +" + newPid);
  }

  @Test
  void everyProcessLogIsRotatedAtTheConfiguredSize(Stack stack) throws IOException {
    // Every JVM logs more than 2 KiB while it starts: each has rotated at least once.
    for (String name : new String[] {"user-1", "relation-2", "auth-1", "captcha-1", "web"}) {
      Path current = stack.log(name);
      assertThat(Path.of(current + ".1")).as(name + " rotated").exists();
      assertThat(Files.size(current)).as(name + ".log").isLessThan(LOG_MAX_BYTES + ONE_READ);
      assertThat(Path.of(current + ".4")).as("3 backups kept").doesNotExist();
    }
  }
}
