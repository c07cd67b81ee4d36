package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A stack of its own with the DEFAULT Sentinel rules of {@code sentinel-rules/} (the shared stack
 * relaxes them), two instances of every provider, and clients that each connect from a loopback
 * address of their own (127.0.0.x, no {@code X-Forwarded-For}), as distinct users would.
 *
 * <p>The light-load test runs first, while the stack is freshly started: the JVMs are still
 * compiling and the host is busy, which is when a rule reading the host's load refused light
 * traffic.
 */
@OwnStack(name = "default-rules-stack", rules = OwnStack.Rules.DEFAULT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DefaultRulesIT {

  private static final String PASSWORD = "default rules pw 1";
  private static final int USERS = 8;

  private static Stack stack;
  private static final List<String> userIds = new ArrayList<>();
  private static final List<String> usernames = new ArrayList<>();

  @BeforeAll
  static void populate(Stack own) {
    stack = own;
    // Eight users who all follow each other, each registered from an address of its own (the
    // default login limit allows 10 attempts per address at once).
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      try (BoundHttp http = new BoundHttp("127.0.3." + (i + 1), 2)) {
        String username = "dr_" + i + "_" + Long.toString(System.nanoTime() % 1_000_000, 36);
        String captcha =
            http.send("POST", stack.api() + "/captchas", "{}", Map.of()).json().get("id").asText();
        BoundHttp.Answer registered =
            http.send(
                "POST",
                stack.api() + "/users",
                Rest.obj(
                        "username",
                        username,
                        "password",
                        PASSWORD,
                        "displayName",
                        "Default rules " + i,
                        "captchaId",
                        captcha,
                        "captchaAnswer",
                        Stack.CAPTCHA_ANSWER)
                    .toString(),
                Map.of());
        if (registered.status() != 201) {
          // On a busy host a registration can outlast the RPC timeout and be answered by a retry
          // that finds its captcha spent although the first attempt created the account.
          BoundHttp.Answer login =
              http.send(
                  "POST",
                  stack.api() + "/sessions",
                  Rest.obj("username", username, "password", PASSWORD).toString(),
                  Map.of());
          assertThat(login.status())
              .as("registration answered %s; log-in %s", registered.body(), login.body())
              .isEqualTo(200);
          BoundHttp.Answer found =
              http.send("GET", stack.api() + "/users?username=" + username, null, Map.of());
          System.out.printf(
              "event=registration_recovered username=%s registration_status=%d%n",
              username, registered.status());
          userIds.add(found.json().get("id").asText());
          tokens.add(login.json().get("accessToken").asText());
        } else {
          userIds.add(registered.json().get("user").get("id").asText());
          tokens.add(registered.json().get("accessToken").asText());
        }
        usernames.add(username);
      }
    }
    for (int i = 0; i < USERS; i++) {
      try (BoundHttp http = new BoundHttp("127.0.3." + (i + 1), 2)) {
        for (int j = 0; j < USERS; j++) {
          if (i != j) {
            BoundHttp.Answer follow =
                http.send(
                    "PUT",
                    stack.api() + "/me/following/" + userIds.get(j),
                    null,
                    Map.of("Authorization", "Bearer " + tokens.get(i)));
            assertThat(follow.status()).as(follow.body()).isBetween(200, 204);
          }
        }
      }
    }
  }

  @Test
  @Order(1)
  void aFreshStackServesFortyMixedReadsASecondWithoutA429() throws Exception {
    // The default system rule is the one in force (Consul KV seeded from sentinel-rules/).
    try (BoundHttp local = new BoundHttp("127.0.0.1", 1)) {
      String system =
          local
              .send(
                  "GET",
                  "http://127.0.0.1:" + stack.webCommandPort() + "/getRules?type=system",
                  null,
                  Map.of())
              .body();
      assertThat(system).contains("\"maxThread\":200");
    }

    int clients = 8;
    List<BoundHttp> https = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      https.add(new BoundHttp("127.0.4." + (c + 1), 8));
    }
    List<Function<Integer, String>> reads =
        List.of(
            n -> "/users/" + userIds.get(n % USERS),
            n -> "/users/" + userIds.get(n % USERS) + "/followers?limit=20",
            n -> "/users/" + userIds.get(n % USERS) + "/following?limit=20",
            n -> "/users?username=" + usernames.get(n % USERS));
    Function<Integer, BoundHttp.Answer> read =
        n ->
            https
                .get(n % clients)
                .send(
                    "GET",
                    stack.api() + reads.get(n % reads.size()).apply(n / clients),
                    null,
                    Map.of());
    // The JVMs of a stack that has just started compile these paths at the rate they get. Calls
    // slower than the default slow-call threshold, or failing, meanwhile may open a circuit breaker
    // for its 10 s window (seen on loaded two-core runners: after 20 s of warm-up at a quarter of
    // the rate, 857 of the minute's 2,400 reads were 503), which is not what this test is about:
    // warm the paths at the measured rate until 10 s of it are all 200 (at most 90 s), then let any
    // open window pass before the measured minute.
    long warmStart = System.nanoTime();
    int warmRounds = 0;
    Load warm;
    do {
      warmRounds++;
      warm = run(40, 10, read);
    } while (warm.statuses().getOrDefault(200, 0L) < warm.sent()
        && System.nanoTime() - warmStart < TimeUnit.SECONDS.toNanos(90));
    System.out.printf(
        "event=light_load_warm_up rounds=%d last_statuses=%s seconds=%.1f%n",
        warmRounds, warm.statuses(), (System.nanoTime() - warmStart) / 1e9);
    TimeUnit.SECONDS.sleep(11);
    Load load = run(40, 60, read);
    https.forEach(BoundHttp::close);
    System.out.printf(
        "event=light_load requests=%d seconds=60 statuses=%s failed_seconds=%s load_average=%s%n",
        load.sent(),
        load.statuses(),
        load.failedSeconds(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    assertThat(load.sent()).isGreaterThanOrEqualTo(40 * 60 - 40);
    assertThat(load.statuses().getOrDefault(429, 0L))
        .as("429s among %s (first: %s)", load.statuses(), load.firsts().get(429))
        .isZero();
    assertThat(load.statuses().getOrDefault(200, 0L))
        .as(
            "answered 200, of %d: %s; first answer of each other status: %s; seconds with a"
                + " failure: %s",
            load.sent(), load.statuses(), load.firsts(), load.failedSeconds())
        .isEqualTo(load.sent());
  }

  @Test
  @Order(2)
  void aLoginFloodFromOneAddressLocksNobodyElseOut() throws Exception {
    // The attacker: 50 junk log-ins a second for 20 s, all from 127.0.0.2.
    try (BoundHttp attacker = new BoundHttp("127.0.0.2", 32)) {
      ScheduledExecutorService others = Executors.newSingleThreadScheduledExecutor();
      Map<Integer, Long> theirs = new ConcurrentHashMap<>();
      AtomicReference<String> their429 = new AtomicReference<>();
      AtomicLong logins = new AtomicLong();
      // Six other addresses, each logging in every 4 s (5 each in 20 s: within the login limit).
      int people = 6;
      List<BoundHttp> https = new ArrayList<>();
      for (int p = 0; p < people; p++) {
        https.add(new BoundHttp("127.0.5." + (p + 1), 2));
      }
      others.scheduleAtFixedRate(
          () -> {
            long n = logins.getAndIncrement();
            int who = (int) (n % people);
            BoundHttp.Answer answer =
                https
                    .get(who)
                    .send(
                        "POST",
                        stack.api() + "/sessions",
                        Rest.obj("username", usernames.get(who), "password", PASSWORD).toString(),
                        Map.of());
            theirs.merge(answer.status(), 1L, Long::sum);
            if (answer.status() == 429) {
              their429.compareAndSet(null, https.get(who).localAddress() + ": " + answer.body());
            }
          },
          500,
          4000 / people,
          TimeUnit.MILLISECONDS);

      Load flood =
          run(
              50,
              20,
              n ->
                  attacker.send(
                      "POST",
                      stack.api() + "/sessions",
                      Rest.obj("username", "victim" + (n % 50), "password", "guess-" + n)
                          .toString(),
                      Map.of()));
      others.shutdown();
      assertThat(others.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      https.forEach(BoundHttp::close);

      System.out.printf(
          "event=login_flood attacker_requests=%d attacker_statuses=%s others_requests=%d others_statuses=%s%n",
          flood.sent(), flood.statuses(), logins.get(), new TreeMap<>(theirs));
      assertThat(flood.statuses().getOrDefault(429, 0L))
          .as("the flood is refused by its own limits (%s)", flood.firsts())
          .isGreaterThan(flood.sent() * 9 / 10);
      assertThat(logins.get()).isGreaterThanOrEqualTo(25);
      assertThat(theirs.getOrDefault(429, 0L))
          .as("other addresses refused (first: %s)", their429.get())
          .isZero();
      assertThat(theirs.getOrDefault(200, 0L))
          .as("other addresses logged in: %s", theirs)
          .isEqualTo(logins.get());
    }
  }

  /**
   * What a paced run sent and got back.
   *
   * @param firsts the first answer's body for each status other than 200
   * @param failedSeconds the seconds into the run (by the request's due time) in which an answer
   *     other than 200 came back, with how many
   */
  record Load(
      long sent,
      Map<Integer, Long> statuses,
      Map<Integer, String> firsts,
      Map<Long, Long> failedSeconds) {}

  /**
   * Sends {@code perSecond} requests a second for {@code seconds}, each on a pool thread, so a slow
   * answer does not lower the rate; waits for every answer.
   *
   * @param request sends request number n and returns its answer
   */
  private static Load run(int perSecond, int seconds, Function<Integer, BoundHttp.Answer> request)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(32);
    Map<Integer, Long> statuses = new ConcurrentHashMap<>();
    Map<Integer, String> firsts = new ConcurrentHashMap<>();
    Map<Long, Long> failedSeconds = new ConcurrentHashMap<>();
    List<Future<?>> sent = new ArrayList<>();
    long periodNanos = 1_000_000_000L / perSecond;
    long start = System.nanoTime();
    int total = perSecond * seconds;
    for (int n = 0; n < total; n++) {
      long due = start + n * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int number = n;
      sent.add(
          pool.submit(
              () -> {
                int status;
                String body;
                try {
                  BoundHttp.Answer answer = request.apply(number);
                  status = answer.status();
                  body = answer.body();
                } catch (IllegalStateException failed) {
                  status = -1;
                  body = String.valueOf(failed.getMessage());
                }
                statuses.merge(status, 1L, Long::sum);
                if (status != 200) {
                  firsts.putIfAbsent(status, body);
                  failedSeconds.merge((long) (number / perSecond), 1L, Long::sum);
                }
              }));
    }
    for (Future<?> f : sent) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    return new Load(
        sent.size(), new TreeMap<>(statuses), new TreeMap<>(firsts), new TreeMap<>(failedSeconds));
  }
}
