package vent.web.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import vent.web.it.Accounts.Account;

/**
 * Closed-loop traffic for the fault suite: {@code threads} workers, each sending one request after
 * another: 85% reads ({@code GET /users/{id}} and a followers page of 20, user and relation
 * providers; the actor's {@code GET /me/timeline}, post provider), 10% follows by a random actor of
 * a random target (relation), 5% {@code POST /captchas} (captcha) and a public vent by the actor
 * every 1.5 s at most ({@code POST /vents}, post; below its per-user rate limit), in place of a
 * timeline read. Every outcome is recorded with its times, and every follow and vent acknowledged
 * is remembered so that none may be missing afterwards.
 */
final class ChaosLoad {

  /** What a request was. */
  enum Op {
    READ,
    FOLLOW,
    CAPTCHA,
    VENT
  }

  /**
   * One request.
   *
   * @param startMs when it was sent, ms since the epoch
   * @param endMs when its answer (or failure) came
   * @param status HTTP status, 0 when no answer came (connection failure or 20 s timeout)
   */
  record Outcome(long startMs, long endMs, Op op, int status) {
    boolean ok() {
      return switch (op) {
        case READ -> status == 200;
        case FOLLOW -> status == 204;
        case CAPTCHA, VENT -> status == 201;
      };
    }
  }

  /** A follow vent-web acknowledged at {@code ackMs}. */
  record Follow(Account follower, String followeeId, long ackMs) {}

  /** A vent vent-web acknowledged with 201. */
  record Posted(Account author, String ventId) {}

  /** Least time between two vents of one actor, ms: the post-user flow rule allows 1/s. */
  private static final long POST_INTERVAL_MS = 1500;

  private final String api;
  private final List<Account> actors;
  private final List<String> targets;
  private final int threads;
  private final AtomicBoolean running = new AtomicBoolean();
  private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  private final Queue<Follow> acknowledged = new ConcurrentLinkedQueue<>();
  private final Queue<Posted> posted = new ConcurrentLinkedQueue<>();
  private final Map<String, Long> lastPostMs = new ConcurrentHashMap<>();
  private ExecutorService pool;

  ChaosLoad(String api, List<Account> actors, List<String> targets, int threads) {
    this.api = api;
    this.actors = actors;
    this.targets = targets;
    this.threads = threads;
  }

  void start() {
    running.set(true);
    pool = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      pool.submit(this::work);
    }
  }

  /** Stops the workers and waits for their last requests. */
  void stop() throws InterruptedException {
    running.set(false);
    pool.shutdown();
    if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("load workers did not stop");
    }
  }

  List<Outcome> outcomes() {
    return new ArrayList<>(outcomes);
  }

  List<Follow> acknowledged() {
    return new ArrayList<>(acknowledged);
  }

  /** Follows and vents acknowledged so far. */
  long checkedWrites() {
    return acknowledged.size() + posted.size();
  }

  /**
   * @return how many acknowledged writes are missing now: follows {@code GET /me/relationships} no
   *     longer shows ({@link #missing}) and vents {@code GET /vents/{id}} does not find for their
   *     author
   */
  long lostWrites() {
    Rest rest = new Rest(api);
    long lostVents =
        posted.stream()
            .filter(p -> rest.get("/vents/" + p.ventId(), p.author().accessToken()).status() != 200)
            .count();
    return missing(api, acknowledged) + lostVents;
  }

  private void work() {
    Rest rest = new Rest(api);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (running.get()) {
      Account actor = actors.get(random.nextInt(actors.size()));
      String target = targets.get(random.nextInt(targets.size()));
      while (target.equals(actor.id())) {
        target = targets.get(random.nextInt(targets.size()));
      }
      int dice = random.nextInt(20);
      long start = System.currentTimeMillis();
      boolean vent = dice == 3 && mayPost(actor, start);
      Op op = dice < 2 ? Op.FOLLOW : dice == 2 ? Op.CAPTCHA : vent ? Op.VENT : Op.READ;
      int status;
      Rest.Response ventAnswer = null;
      try {
        status =
            switch (dice) {
              case 0, 1 -> rest.put("/me/following/" + target, actor.accessToken()).status();
              case 2 -> rest.post("/captchas", Rest.obj(), null).status();
              case 3, 4 -> {
                if (vent) {
                  ventAnswer =
                      rest.post(
                          "/vents",
                          Rest.obj("text", "chaos " + start, "audience", "public"),
                          actor.accessToken());
                  yield ventAnswer.status();
                }
                yield rest.get("/me/timeline?limit=20", actor.accessToken()).status();
              }
              case 5, 6, 7, 8, 9, 10 ->
                  rest.get("/users/" + target + "/followers?limit=20", null).status();
              default -> rest.get("/users/" + target, null).status();
            };
      } catch (RuntimeException noAnswer) {
        status = 0;
      }
      long end = System.currentTimeMillis();
      Outcome outcome = new Outcome(start, end, op, status);
      outcomes.add(outcome);
      if (op == Op.FOLLOW && outcome.ok()) {
        acknowledged.add(new Follow(actor, target, end));
      }
      if (op == Op.VENT && outcome.ok()) {
        posted.add(new Posted(actor, ventAnswer.json().get("id").asText()));
      }
    }
  }

  /** Claims {@code actor}'s next vent at {@code nowMs} unless its last one is too recent. */
  private boolean mayPost(Account actor, long nowMs) {
    long[] claimed = {0};
    lastPostMs.compute(
        actor.id(),
        (id, last) -> {
          if (last != null && nowMs - last < POST_INTERVAL_MS) {
            return last;
          }
          claimed[0] = 1;
          return nowMs;
        });
    return claimed[0] == 1;
  }

  /**
   * Starts {@code threads} workers with {@code actors} as both actors and targets, then 2 s pass.
   */
  static ChaosLoad startOn(String api, List<Account> actors, int threads)
      throws InterruptedException {
    ChaosLoad load = new ChaosLoad(api, actors, actors.stream().map(Account::id).toList(), threads);
    load.start();
    TimeUnit.SECONDS.sleep(2);
    return load;
  }

  /**
   * @return how many of the acknowledged follows {@code GET /me/relationships} of their followers
   *     no longer shows
   */
  static long missing(String api, Collection<Follow> follows) {
    Map<Account, List<String>> byFollower = new LinkedHashMap<>();
    for (Follow f : follows) {
      List<String> ids = byFollower.computeIfAbsent(f.follower(), a -> new ArrayList<>());
      if (!ids.contains(f.followeeId())) {
        ids.add(f.followeeId());
      }
    }
    Rest rest = new Rest(api);
    long missing = 0;
    for (Map.Entry<Account, List<String>> e : byFollower.entrySet()) {
      Rest.Response r =
          rest.get(
              "/me/relationships?ids=" + String.join(",", e.getValue()), e.getKey().accessToken());
      if (r.status() != 200) {
        throw new AssertionError("relationships: " + r.raw());
      }
      for (JsonNode rel : r.json()) {
        if (!rel.get("following").asBoolean()) {
          missing++;
        }
      }
    }
    return missing;
  }
}
