package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vent.relation.v1.RelationService;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import vent.web.it.Accounts.Account;

/**
 * Client-side load balancing and graceful shutdown: with two relation instances, vent-web's calls
 * reach both; SIGTERM to one of them in the middle of a run fails no request. It shares the stack:
 * afterwards it starts the stopped instance again and waits until it is passing in Consul.
 */
@SharedStack
class RelationFailoverIT {

  private static final String RELATION = RelationService.class.getName();

  @AfterAll
  static void restartTheStoppedInstance(Stack stack) {
    stack.heal();
  }

  @Test
  void callsSpreadOverBothInstancesAndSigtermLosesNoRequest(Stack stack) throws Exception {
    Rest rest = new Rest(stack.api());
    Consul consul = stack.consulClient();
    assertThat(consul.passingPorts(RELATION)).hasSize(2);
    Account star = Accounts.register(rest, Accounts.uniqueName("lb_star"));
    List<Account> fans = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      fans.add(Accounts.register(rest, Accounts.uniqueName("lb_fan" + i)));
    }

    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger requests = new AtomicInteger();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    ExecutorService load = Executors.newFixedThreadPool(fans.size());
    for (Account fan : fans) {
      load.submit(
          () -> {
            int i = 0;
            while (running.get()) {
              Rest.Response r =
                  switch (i++ % 4) {
                    case 0 -> rest.put("/me/following/" + star.id(), fan.accessToken());
                    case 1 -> rest.get("/users/" + star.id() + "/followers?limit=5", null);
                    case 2 -> rest.get("/users/" + star.id(), null);
                    default -> rest.delete("/me/following/" + star.id(), fan.accessToken());
                  };
              requests.incrementAndGet();
              if (r.status() >= 300) {
                failures.add(r.status() + " " + r.raw());
              }
            }
            return null;
          });
    }

    TimeUnit.SECONDS.sleep(4);
    long pid = stack.pid("relation-1");
    ProcessHandle victim =
        ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("relation-1 is not running"));
    int before = requests.get();
    victim.destroy(); // SIGTERM
    victim.onExit().get(60, TimeUnit.SECONDS);
    // Checked at once: a supervisor may start the instance again, which then registers anew.
    List<Integer> passingAfterExit = consul.passingPorts(RELATION);
    TimeUnit.SECONDS.sleep(3);
    running.set(false);
    load.shutdown();
    assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    System.out.printf(
        "event=failover_run requests=%d during_and_after_sigterm=%d failures=%d%n",
        requests.get(), requests.get() - before, failures.size());
    assertThat(failures).as("failed requests").isEmpty();
    assertThat(requests.get() - before)
        .as("requests served while relation-1 shut down")
        .isGreaterThan(20);
    assertThat(passingAfterExit).as("relation-1 deregistered before it exited").hasSize(1);
    waitForAccessLogs(stack);
  }

  /** Both instances must have served calls (their access logs, VENT_ACCESS_LOG=true). */
  private static void waitForAccessLogs(Stack stack) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    long served1 = 0;
    long served2 = 0;
    while (System.nanoTime() < deadline) {
      served1 = servedCalls(stack, "relation-1");
      served2 = servedCalls(stack, "relation-2");
      if (served1 > 0 && served2 > 0) {
        break;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    System.out.printf(
        "event=relation_calls_served relation_1=%d relation_2=%d%n", served1, served2);
    assertThat(served1).as("calls served by relation-1").isPositive();
    assertThat(served2).as("calls served by relation-2").isPositive();
  }

  private static long servedCalls(Stack stack, String name) throws IOException {
    try (var lines = Files.lines(stack.log(name))) {
      return lines
          .filter(l -> l.contains("event=rpc_served service=dev.vent.relation.v1.RelationService"))
          .count();
    }
  }
}
