package vent.web.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import vent.web.it.Accounts.Account;

/**
 * Closed-loop traffic for the fault suite: {@code threads} workers, each sending one request
 * after another: 85% reads ({@code GET /users/{id}} and a followers page of 20; user and
 * relation providers), 10% follows by a random actor of a random target (relation) and 5%
 * {@code POST /captchas} (captcha). Every outcome is recorded with its times, and every
 * follow acknowledged with 204 is remembered so that none may be missing afterwards.
 */
final class ChaosLoad {

  /** What a request was. */
  enum Op { READ, FOLLOW, CAPTCHA }

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
        case CAPTCHA -> status == 201;
      };
    }
  }

  /** A follow vent-web acknowledged at {@code ackMs}. */
  record Follow(Account follower, String followeeId, long ackMs) {}

  private final String api;
  private final List<Account> actors;
  private final List<String> targets;
  private final int threads;
  private final AtomicBoolean running = new AtomicBoolean();
  private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  private final Queue<Follow> acknowledged = new ConcurrentLinkedQueue<>();
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
      Op op = dice < 2 ? Op.FOLLOW : dice == 2 ? Op.CAPTCHA : Op.READ;
      int status;
      try {
        status = switch (dice) {
          case 0, 1 -> rest.put("/me/following/" + target, actor.accessToken()).status();
          case 2 -> rest.post("/captchas", Rest.obj(), null).status();
          case 3, 4, 5, 6, 7, 8, 9, 10 -> rest.get("/users/" + target + "/followers?limit=20", null).status();
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
    }
  }
}
