package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import vent.web.it.Accounts.Account;

/**
 * The global configuration on the real stack, as an operator uses it: a value put into Consul KV
 * over HTTP changes what the REST API answers, on every instance, without a restart
 * (docs/CONFIG.md). Every key it touches is put back as it was afterwards, so the ITs that run
 * later in this JVM see the defaults.
 */
@Order(6)
class GlobalConfigIT {

  /** What the docs promise; measured well under it (see the log line of each wait). */
  private static final Duration WITHIN = Duration.ofSeconds(5);
  private static final String GLOBAL = "vent/config/global/";
  private static final long POLL_MS = 700;

  /** The values the keys had before this test (null: absent), to restore. */
  private static final Map<String, String> BEFORE = new LinkedHashMap<>();
  private static Rest rest;
  private static Account account;

  @BeforeAll
  static void stack() {
    rest = new Rest(Stack.shared().api());
    account = Accounts.register(rest, Accounts.uniqueName("cfg"));
  }

  @AfterAll
  static void restore() {
    BEFORE.forEach((key, value) -> {
      if (value == null) {
        Consul.kvDelete(key);
      } else {
        Consul.kvPut(key, value);
      }
    });
  }

  @Test
  void accessTokenLifetimeChangesOnEveryAuthInstance() throws InterruptedException {
    assertThat(Consul.kvGet(GLOBAL + "auth.access-token-ttl-seconds")).as("seeded by ./vent up").isEqualTo("900");
    put(GLOBAL + "auth.access-token-ttl-seconds", "120");
    // Several logins in a row: the calls are balanced over both auth instances; all must agree.
    await("every login returns expiresIn 120", () -> loginsAll(6, 120));

    put("vent/config/vent-provider-auth/auth.access-token-ttl-seconds", "300");
    await("the per-application value overrides the global one", () -> loginsAll(6, 300));

    delete("vent/config/vent-provider-auth/auth.access-token-ttl-seconds");
    await("deleting it falls back to the global value", () -> loginsAll(6, 120));

    put(GLOBAL + "auth.access-token-ttl-seconds", "ten");
    Thread.sleep(1500);
    assertThat(loginsAll(6, 120)).as("an invalid value keeps the value in force").isTrue();
  }

  @Test
  void captchaLifetimeMovesExpiresAt() {
    put(GLOBAL + "captcha.ttl-seconds", "600");
    await("new captchas expire 600 s after now", () -> captchasExpireIn(600));
  }

  @Test
  void pageSizeLimitOfVentWebAndTheRelationService() {
    String followers = "/users/" + account.id() + "/followers?limit=";
    assertThat(rest.get(followers + "100", account.accessToken()).status()).isEqualTo(200);
    put(GLOBAL + "paging.page-size-max", "10");
    await("limit 11 is refused", () -> {
      Rest.Response r = rest.get(followers + "11", account.accessToken());
      return r.status() == 400 && r.json().get("code").asText().equals("INVALID_LIMIT");
    });
    assertThat(rest.get(followers + "10", account.accessToken()).status()).isEqualTo(200);
    assertThat(rest.get(followers, account.accessToken()).status()).as("the default shrinks to the limit").isEqualTo(200);
    put(GLOBAL + "paging.page-size-max", "150");
    await("limit 150 is served, by vent-web and the relation service",
        () -> rest.get(followers + "150", account.accessToken()).status() == 200);
  }

  @Test
  void registrationSwitch() {
    put("vent/config/vent-web/features.registration-enabled", "false");
    await("registration answers 503 REGISTRATION_DISABLED", () -> {
      Rest.Response r = new Rest(Stack.shared().api()).post("/users", Rest.obj("username", Accounts.uniqueName("off"), "password",
          Accounts.PASSWORD, "displayName", "Off", "captchaId", Accounts.newCaptcha(rest), "captchaAnswer",
          Stack.CAPTCHA_ANSWER), null);
      return r.status() == 503 && r.contentType().startsWith("application/problem+json")
          && r.json().get("code").asText().equals("REGISTRATION_DISABLED");
    });
    delete("vent/config/vent-web/features.registration-enabled");
    await("registration works again", () -> {
      try {
        Accounts.register(rest, Accounts.uniqueName("on"));
        return true;
      } catch (AssertionError e) {
        return false;
      }
    });
  }

  @Test
  void suggestionsSwitch() {
    put(GLOBAL + "features.suggestions-enabled", "false");
    await("suggestions answer 503 SUGGESTIONS_DISABLED", () -> {
      Rest.Response r = rest.get("/me/suggestions", account.accessToken());
      return r.status() == 503 && r.json().get("code").asText().equals("SUGGESTIONS_DISABLED");
    });
    put(GLOBAL + "features.suggestions-enabled", "true");
    await("suggestions are served again", () -> rest.get("/me/suggestions", account.accessToken()).status() == 200);
  }

  private static boolean loginsAll(int logins, int expiresIn) {
    for (int i = 0; i < logins; i++) {
      // A client address of its own per login: the per-IP login limit (5 a minute) stays clear.
      Rest.Response r = new Rest(Stack.shared().api()).post("/sessions",
          Rest.obj("username", account.username(), "password", Accounts.PASSWORD), null);
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
      BEFORE.put(key, Consul.kvGet(key));
    }
    Consul.kvPut(key, value);
  }

  private static void delete(String key) {
    if (!BEFORE.containsKey(key)) {
      BEFORE.put(key, Consul.kvGet(key));
    }
    Consul.kvDelete(key);
  }

  /**
   * Polls {@code condition} until it holds, failing after {@link #WITHIN}; logs how long it took.
   * Every {@value #POLL_MS} ms: six logins per poll stay under the 10/s route limit of
   * {@code POST /sessions}, one registration per poll under the 5/s of {@code POST /users}.
   */
  private static void await(String what, BooleanSupplier condition) {
    long t0 = System.nanoTime();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - t0 > WITHIN.toNanos()) {
        throw new AssertionError("not within " + WITHIN.toSeconds() + " s: " + what);
      }
      SentinelRules.sleep(POLL_MS);
    }
    System.out.printf("GlobalConfigIT: %s after %d ms%n", what, (System.nanoTime() - t0) / 1_000_000);
  }
}
