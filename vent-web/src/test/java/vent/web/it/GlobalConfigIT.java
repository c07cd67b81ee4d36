package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.web.it.Accounts.Account;

/**
 * The global configuration on the real stack, as an operator uses it: a value put into Consul KV
 * over HTTP changes what the REST API answers, on every instance, without a restart
 * (docs/CONFIG.md). It shares the stack: every key it touches is put back as it was afterwards, and
 * it waits until every instance serves those values again, so the classes that run later see what
 * it found.
 */
@SharedStack
class GlobalConfigIT {

  /** What the docs promise; measured well under it (see the log line of each wait). */
  private static final Duration WITHIN = Duration.ofSeconds(5);

  /** The global layer's KV prefix, {@code <config prefix of the topology>/global/}. */
  private static String global;

  /** The configuration's KV prefix of the topology, with a slash. */
  private static String config;

  private static final long POLL_MS = 700;

  /** The values the keys had before this test (null: absent), to restore. */
  private static final Map<String, String> BEFORE = new LinkedHashMap<>();

  private static Stack stack;
  private static Consul consul;
  private static Rest rest;
  private static Account account;

  @BeforeAll
  static void stack(Stack shared) {
    stack = shared;
    config = shared.settings().topology().kv().config() + "/";
    global = config + "global/";
    consul = shared.consulClient();
    rest = new Rest(stack.api());
    account = Accounts.register(rest, Accounts.uniqueName("cfg"));
  }

  @AfterAll
  static void restore() {
    BEFORE.forEach(consul::kvRestore);
    if (account == null) {
      return;
    }
    int ttl = Integer.parseInt(inForce("vent-provider-auth", "auth.access-token-ttl-seconds"));
    await("logins get the access token lifetime back: " + ttl, () -> loginsAll(6, ttl));
    int captchaTtl = Integer.parseInt(inForce("vent-provider-captcha", "captcha.ttl-seconds"));
    await("captchas get their lifetime back: " + captchaTtl, () -> captchasExpireIn(captchaTtl));
    int pageMax = Integer.parseInt(inForce("vent-web", "paging.page-size-max"));
    String followers = "/users/" + account.id() + "/followers?limit=";
    await(
        "the page size limit is back: " + pageMax,
        () ->
            rest.get(followers + pageMax, account.accessToken()).status() == 200
                && rest.get(followers + (pageMax + 1), account.accessToken()).status() == 400);
    assertThat(inForce("vent-web", "features.registration-enabled")).isEqualTo("true");
    await("registration works", GlobalConfigIT::registers);
    assertThat(inForce("vent-web", "features.suggestions-enabled")).isEqualTo("true");
    await(
        "suggestions are served",
        () -> rest.get("/me/suggestions", account.accessToken()).status() == 200);
  }

  /** The value of a key for an application: its own key if set, else the global one. */
  private static String inForce(String application, String key) {
    String own = consul.kvGet(config + application + "/" + key);
    String value = own != null ? own : consul.kvGet(global + key);
    assertThat(value).as("%s (./vent up seeds every global key)", key).isNotNull();
    return value;
  }

  private static boolean registers() {
    try {
      Accounts.register(rest, Accounts.uniqueName("on"));
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  @Test
  void accessTokenLifetimeChangesOnEveryAuthInstance() throws InterruptedException {
    assertThat(consul.kvGet(global + "auth.access-token-ttl-seconds"))
        .as("seeded by ./vent up")
        .isEqualTo("900");
    put(global + "auth.access-token-ttl-seconds", "120");
    // Several logins in a row: the calls are balanced over both auth instances; all must agree.
    await("every login returns expiresIn 120", () -> loginsAll(6, 120));

    put(config + "vent-provider-auth/auth.access-token-ttl-seconds", "300");
    await("the per-application value overrides the global one", () -> loginsAll(6, 300));

    delete(config + "vent-provider-auth/auth.access-token-ttl-seconds");
    await("deleting it falls back to the global value", () -> loginsAll(6, 120));

    put(global + "auth.access-token-ttl-seconds", "ten");
    Thread.sleep(1500);
    assertThat(loginsAll(6, 120)).as("an invalid value keeps the value in force").isTrue();
  }

  @Test
  void captchaLifetimeMovesExpiresAt() {
    put(global + "captcha.ttl-seconds", "600");
    await("new captchas expire 600 s after now", () -> captchasExpireIn(600));
  }

  @Test
  void pageSizeLimitOfVentWebAndTheRelationService() {
    String followers = "/users/" + account.id() + "/followers?limit=";
    assertThat(rest.get(followers + "100", account.accessToken()).status()).isEqualTo(200);
    put(global + "paging.page-size-max", "10");
    await(
        "limit 11 is refused",
        () -> {
          Rest.Response r = rest.get(followers + "11", account.accessToken());
          return r.status() == 400 && r.json().get("code").asText().equals("INVALID_LIMIT");
        });
    assertThat(rest.get(followers + "10", account.accessToken()).status()).isEqualTo(200);
    assertThat(rest.get(followers, account.accessToken()).status())
        .as("the default shrinks to the limit")
        .isEqualTo(200);
    put(global + "paging.page-size-max", "150");
    await(
        "limit 150 is served, by vent-web and the relation service",
        () -> rest.get(followers + "150", account.accessToken()).status() == 200);
  }

  @Test
  void registrationSwitch() {
    put(config + "vent-web/features.registration-enabled", "false");
    await(
        "registration answers 503 REGISTRATION_DISABLED",
        () -> {
          Rest.Response r =
              new Rest(stack.api())
                  .post(
                      "/users",
                      Rest.obj(
                          "username",
                          Accounts.uniqueName("off"),
                          "password",
                          Accounts.PASSWORD,
                          "displayName",
                          "Off",
                          "captchaId",
                          Accounts.newCaptcha(rest),
                          "captchaAnswer",
                          Stack.CAPTCHA_ANSWER),
                      null);
          return r.status() == 503
              && r.contentType().startsWith("application/problem+json")
              && r.json().get("code").asText().equals("REGISTRATION_DISABLED");
        });
    delete(config + "vent-web/features.registration-enabled");
    await("registration works again", GlobalConfigIT::registers);
  }

  @Test
  void suggestionsSwitch() {
    put(global + "features.suggestions-enabled", "false");
    await(
        "suggestions answer 503 SUGGESTIONS_DISABLED",
        () -> {
          Rest.Response r = rest.get("/me/suggestions", account.accessToken());
          return r.status() == 503 && r.json().get("code").asText().equals("SUGGESTIONS_DISABLED");
        });
    put(global + "features.suggestions-enabled", "true");
    await(
        "suggestions are served again",
        () -> rest.get("/me/suggestions", account.accessToken()).status() == 200);
  }

  /**
   * {@code timeline.capacity} trims home timelines on the post provider's fan-out: a reader who
   * follows more authors than the capacity keeps only the newest entries, and keeps more again once
   * the capacity is back.
   */
  @Test
  void timelineCapacityTrimsHomeTimelines() {
    int capacity = 10; // the key's least value (docs/CONFIG.md)
    List<Account> users = Accounts.registerMany(rest, "cap", capacity + 21);
    Account reader = users.get(0);
    Deque<Account> authors = new ArrayDeque<>(users.subList(1, users.size()));
    for (Account author : authors) {
      assertThat(rest.put("/me/following/" + author.id(), reader.accessToken()).status())
          .isEqualTo(204);
    }
    await(
        "the reader is in every author's followers",
        () ->
            authors.stream()
                .allMatch(
                    a ->
                        rest.get("/users/" + a.id(), null).json().get("followersCount").asLong()
                            == 1));
    for (int i = 0; i < capacity; i++) {
      postAndAwait(authors.pop(), reader);
    }
    put(global + "timeline.capacity", Integer.toString(capacity));
    await(
        "a vent fanned out after the change leaves " + capacity + " entries",
        () -> postAndAwait(authors.pop(), reader) == capacity);
    restoreKey(global + "timeline.capacity");
    await(
        "home timelines grow past " + capacity + " again",
        () -> postAndAwait(authors.pop(), reader) > capacity);
  }

  /** {@code author} posts a public vent; returns the reader's timeline size once it is in it. */
  private static int postAndAwait(Account author, Account reader) {
    Rest.Response posted =
        rest.post("/vents", Rest.obj("text", "cap", "audience", "public"), author.accessToken());
    assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
    String id = posted.json().get("id").asText();
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      Rest.Response page = rest.get("/me/timeline?limit=100", reader.accessToken());
      assertThat(page.status()).as(page.raw()).isEqualTo(200);
      if (page.json().get("items").findValuesAsText("id").contains(id)) {
        return page.json().get("items").size();
      }
      SentinelRules.sleep(50);
    }
    throw new AssertionError("vent " + id + " not in the reader's timeline within " + WITHIN);
  }

  private static boolean loginsAll(int logins, int expiresIn) {
    for (int i = 0; i < logins; i++) {
      // A client address of its own per login: the per-IP login limit (5 a minute) stays clear.
      Rest.Response r =
          new Rest(stack.api())
              .post(
                  "/sessions",
                  Rest.obj("username", account.username(), "password", Accounts.PASSWORD),
                  null);
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      Accounts.ISSUED_TOKENS.add(r.json().get("accessToken").asText());
      Accounts.ISSUED_TOKENS.add(r.json().get("refreshToken").asText());
      if (r.json().get("expiresIn").asInt() != expiresIn) {
        return false;
      }
    }
    return true;
  }

  /** Both captcha instances: several captchas in a row, each expiring {@code seconds} from now. */
  private static boolean captchasExpireIn(long seconds) {
    for (int i = 0; i < 6; i++) {
      long before = System.currentTimeMillis();
      Rest.Response r = rest.post("/captchas", Rest.obj(), null);
      assertThat(r.status()).as(r.raw()).isEqualTo(201);
      long expiresAt = java.time.Instant.parse(r.json().get("expiresAt").asText()).toEpochMilli();
      long expected = before + seconds * 1000;
      if (Math.abs(expiresAt - expected) > 5_000) {
        return false;
      }
    }
    return true;
  }

  private static void put(String key, String value) {
    if (!BEFORE.containsKey(key)) {
      BEFORE.put(key, consul.kvGet(key));
    }
    consul.kvPut(key, value);
  }

  /** Puts {@code key} back as it was before this class changed it. */
  private static void restoreKey(String key) {
    consul.kvRestore(key, BEFORE.get(key));
  }

  private static void delete(String key) {
    if (!BEFORE.containsKey(key)) {
      BEFORE.put(key, consul.kvGet(key));
    }
    consul.kvDelete(key);
  }

  /**
   * Polls {@code condition} until it holds, failing after {@link #WITHIN}; logs how long it took.
   * Every {@value #POLL_MS} ms: six logins per poll stay under the 10/s route limit of {@code POST
   * /sessions}, one registration per poll under the 5/s of {@code POST /users}.
   */
  private static void await(String what, BooleanSupplier condition) {
    long t0 = System.nanoTime();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - t0 > WITHIN.toNanos()) {
        throw new AssertionError("not within " + WITHIN.toSeconds() + " s: " + what);
      }
      SentinelRules.sleep(POLL_MS);
    }
    System.out.printf(
        "GlobalConfigIT: %s after %d ms%n", what, (System.nanoTime() - t0) / 1_000_000);
  }
}
