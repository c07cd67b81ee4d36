package vent.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

/**
 * The key cache with its own fetch thread, as vent-web runs it, against an auth provider that is
 * slow (a fetch parked on a latch) or down (a fetch that throws).
 */
class JwksCacheTest {

  private final ECKey k1 = TestKeys.newKey("k1");
  private final ECKey k2 = TestKeys.newKey("k2");
  private final AtomicReference<String> published = new AtomicReference<>(TestKeys.jwks(k1));
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final AtomicBoolean slow = new AtomicBoolean();
  private final AtomicBoolean down = new AtomicBoolean();
  private final CountDownLatch fetchStarted = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService callers = Executors.newCachedThreadPool();

  private final JwksCache cache =
      new JwksCache(
          () -> {
            fetches.incrementAndGet();
            if (slow.get()) {
              fetchStarted.countDown();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            if (down.get()) {
              throw new VentException(
                  ErrorKind.UNAVAILABLE, "DEPENDENCY_UNAVAILABLE", "no provider reachable");
            }
            return published.get();
          },
          clock::get,
          Duration.ofSeconds(30),
          Duration.ofMinutes(10));

  @AfterEach
  void tearDown() {
    release.countDown();
    callers.shutdownNow();
  }

  private List<JWK> lookup(String kid) {
    return cache.get(new JWKSelector(new JWKMatcher.Builder().keyID(kid).build()), null);
  }

  private Future<List<JWK>> lookupAsync(String kid) {
    return callers.submit(() -> lookup(kid));
  }

  @Test
  void concurrentLookupsOfAnUnknownKidShareOneFetchAndKnownKidsDoNotWaitForIt() throws Exception {
    assertThat(lookup("k1")).hasSize(1);
    clock.addAndGet(31_000);
    published.set(TestKeys.jwks(k1, k2));
    slow.set(true);

    List<Future<List<JWK>>> waiting = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      waiting.add(lookupAsync("k2"));
    }
    assertThat(fetchStarted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(lookupAsync("k1").get(1, TimeUnit.SECONDS))
        .as("a known key while the fetch hangs")
        .hasSize(1);
    Thread.sleep(200);
    assertThat(waiting).as("unknown kids wait for the fetch").noneMatch(Future::isDone);

    release.countDown();
    for (Future<List<JWK>> f : waiting) {
      assertThat(f.get(5, TimeUnit.SECONDS)).extracting(JWK::getKeyID).containsExactly("k2");
    }
    assertThat(fetches).as("the first fetch and one shared refetch").hasValue(2);
  }

  @Test
  void aStaleSetIsServedAtOnceWhileItsRefreshIsSlow() throws Exception {
    assertThat(lookup("k1")).hasSize(1);
    clock.addAndGet(Duration.ofMinutes(11).toMillis());
    slow.set(true);

    for (int i = 0; i < 5; i++) {
      assertThat(lookupAsync("k1").get(1, TimeUnit.SECONDS))
          .as("served from the last good set")
          .hasSize(1);
    }
    assertThat(fetchStarted.await(5, TimeUnit.SECONDS)).isTrue();
    release.countDown();
    awaitFetches(2);
  }

  @Test
  void theLastGoodSetIsServedWhileTheAuthProviderIsDown() throws Exception {
    assertThat(lookup("k1")).hasSize(1);
    clock.addAndGet(Duration.ofMinutes(11).toMillis());
    down.set(true);

    for (int i = 0; i < 20; i++) {
      assertThat(lookup("k1")).hasSize(1);
    }
    awaitFetches(2);
    clock.addAndGet(10_000);
    for (int i = 0; i < 20; i++) {
      assertThat(lookup("k1")).hasSize(1);
    }
    Thread.sleep(200);
    assertThat(fetches)
        .as("a failed refresh is retried after 30 s, not on every request")
        .hasValue(2);

    down.set(false);
    published.set(TestKeys.jwks(k2));
    clock.addAndGet(21_000);
    lookup("k1");
    awaitFetches(3);
    assertThat(lookup("k2")).as("the set fetched once the provider is back").hasSize(1);
  }

  private void awaitFetches(int n) throws InterruptedException {
    vent.common.testing.Eventually.until(
        n + " fetches", Duration.ofSeconds(5), () -> fetches.get() >= n);
    Thread.sleep(50);
    assertThat(fetches).hasValue(n);
  }
}
