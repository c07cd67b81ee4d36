package vent.web.it;

import java.util.List;
import vent.web.it.Accounts.Account;

/**
 * Sends a freshly started test stack what a client's first minute sends (registration, follow,
 * profile and follower reads, a vent, the home timeline, unfollow) before any test class gets it,
 * until one round of those answers is all 2xx or {@value #LIMIT_MS} ms have passed. On two cores
 * the JVMs of a stack that has just reported healthy are still compiling, and the first calls of
 * each path can outlast the 3 s RPC deadline; tests are about what the stack does, not about how
 * cold it starts (the warm-up curve is the benchmark's). Best effort: nothing here fails a test,
 * and what it saw is printed as {@code event=stack_warm_up}.
 */
final class StackWarmUp {

  static final long LIMIT_MS = 60_000;

  private StackWarmUp() {}

  /** Warms {@code stack} up and returns it. */
  static Stack warmed(Stack stack) {
    long t0 = System.nanoTime();
    int rounds = 0;
    boolean clean = false;
    String outcome;
    try {
      Rest rest = new Rest(stack.api());
      List<Account> two = Accounts.registerMany(rest, "warm", 2);
      while (!clean && (System.nanoTime() - t0) / 1_000_000 < LIMIT_MS) {
        rounds++;
        clean = round(rest, two.get(0), two.get(1));
      }
      outcome = clean ? "clean_round" : "time_limit";
    } catch (RuntimeException | AssertionError e) {
      outcome = "gave_up:" + e.getClass().getSimpleName();
    }
    System.out.printf(
        "event=stack_warm_up api=%s rounds=%d outcome=%s seconds=%.1f%n",
        stack.api(), rounds, outcome, (System.nanoTime() - t0) / 1e9);
    return stack;
  }

  /** One round; true if every answer was 2xx. */
  private static boolean round(Rest rest, Account reader, Account author) {
    List<Rest.Response> answers =
        List.of(
            rest.put("/me/following/" + author.id(), reader.accessToken()),
            rest.get("/users/" + author.id(), null),
            rest.get("/users/" + author.id() + "/followers?limit=20", null),
            rest.post(
                "/vents",
                Rest.obj("text", "warming up", "audience", "public"),
                author.accessToken()),
            rest.get("/me/timeline", reader.accessToken()),
            rest.delete("/me/following/" + author.id(), reader.accessToken()));
    return answers.stream().allMatch(r -> r.status() / 100 == 2);
  }
}
