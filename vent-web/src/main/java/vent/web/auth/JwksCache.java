package vent.web.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

/**
 * The auth provider's public keys (its JWK Set, from {@code AuthService.GetJwks}), kept in memory
 * for local token verification.
 *
 * <p>Fetched on first use; fetched again when a token names a key id the cached set lacks (the auth
 * service rotated its key), but at most once per {@code minRefetchInterval} so forged key ids
 * cannot turn every request into an RPC; and refreshed once the set is older than {@code maxAge},
 * so retired keys stop verifying.
 *
 * <p>Fetches are single-flight: however many requests need a fetch at once, one GetJwks call runs
 * (on the {@code fetcher} executor) and the requests that must wait for it share its result. Only
 * requests that cannot be answered from the cached set wait: an unknown key id, or no set yet. A
 * request whose key is in a set past {@code maxAge} is answered from that set at once while the
 * refresh runs, so a slow or dead auth provider does not stall requests; a failed fetch keeps the
 * last good set. While no key set was ever fetched, a failed fetch is retried after one second and
 * requests meanwhile get 503 DEPENDENCY_UNAVAILABLE (not 401: the token may well be valid).
 */
public final class JwksCache implements JWKSource<SecurityContext> {

  private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);
  private static final long FIRST_FETCH_RETRY_MS = 1000;

  private final Supplier<String> fetchJwksJson;
  private final LongSupplier clockMs;
  private final long minRefetchMs;
  private final long maxAgeMs;
  private final Executor fetcher;

  private volatile JWKSet keys;
  private volatile long fetchedAtMs;

  /** Guarded by this. */
  private long attemptedAtMs;

  private boolean attempted;
  private CompletableFuture<JWKSet> inFlight;

  /**
   * Fetches on a daemon thread of its own.
   *
   * @param fetchJwksJson returns the JWK Set JSON (RFC 7517 section 5); throws {@link
   *     VentException} when the auth provider cannot answer
   * @param clockMs current time, milliseconds
   * @param minRefetchInterval least time between two fetches triggered by unknown key ids or age
   * @param maxAge how long a fetched set is used before it is fetched again
   */
  public JwksCache(
      Supplier<String> fetchJwksJson,
      LongSupplier clockMs,
      Duration minRefetchInterval,
      Duration maxAge) {
    this(
        fetchJwksJson,
        clockMs,
        minRefetchInterval,
        maxAge,
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "jwks-fetch");
              t.setDaemon(true);
              return t;
            }));
  }

  /**
   * As above, fetching on {@code fetcher} (a direct executor makes every fetch synchronous).
   *
   * @param fetcher runs each GetJwks call; at most one call is in flight at a time
   */
  public JwksCache(
      Supplier<String> fetchJwksJson,
      LongSupplier clockMs,
      Duration minRefetchInterval,
      Duration maxAge,
      Executor fetcher) {
    this.fetchJwksJson = fetchJwksJson;
    this.clockMs = clockMs;
    this.minRefetchMs = minRefetchInterval.toMillis();
    this.maxAgeMs = maxAge.toMillis();
    this.fetcher = fetcher;
  }

  /**
   * @return the keys matching {@code selector} (nimbus builds it from the token's header: kid, key
   *     type and algorithm), empty when none does even after an allowed refetch
   * @throws VentException UNAVAILABLE / DEPENDENCY_UNAVAILABLE when no key set could ever be
   *     fetched
   */
  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) {
    long now = clockMs.getAsLong();
    JWKSet current = keys;
    if (current != null) {
      List<JWK> found = selector.select(current);
      if (!found.isEmpty()) {
        if (now - fetchedAtMs >= maxAgeMs) {
          CompletableFuture<JWKSet> refresh = fetchIfAllowed(now);
          if (refresh != null && refresh.isDone()) {
            // The fetch already ran (a direct executor): answer from what it found.
            return selector.select(keys);
          }
        }
        return found;
      }
      CompletableFuture<JWKSet> refetch = fetchIfAllowed(now);
      if (refetch == null) {
        return List.of();
      }
      await(refetch);
      return selector.select(keys);
    }
    CompletableFuture<JWKSet> first = fetchIfAllowed(now);
    if (first == null) {
      throw unavailable();
    }
    JWKSet fetched = await(first);
    if (fetched == null && keys == null) {
      throw unavailable();
    }
    return selector.select(keys);
  }

  /**
   * @return the fetch in flight (joined even when no new one is allowed), a new one, or null
   */
  private CompletableFuture<JWKSet> fetchIfAllowed(long now) {
    CompletableFuture<JWKSet> started;
    synchronized (this) {
      if (inFlight != null) {
        return inFlight;
      }
      if (attempted && now - attemptedAtMs < (keys == null ? FIRST_FETCH_RETRY_MS : minRefetchMs)) {
        return null;
      }
      attempted = true;
      attemptedAtMs = now;
      started = new CompletableFuture<>();
      inFlight = started;
    }
    fetcher.execute(() -> fetch(started));
    return started;
  }

  /**
   * Completes {@code result} with the new set, with null when the fetch failed but an older set is
   * kept, or exceptionally when there is no set at all.
   */
  private void fetch(CompletableFuture<JWKSet> result) {
    JWKSet fetched = null;
    RuntimeException failure = null;
    try {
      fetched = JWKSet.parse(fetchJwksJson.get()).toPublicJWKSet();
      LOG.info("event=jwks_fetched keys={}", fetched.getKeys().size());
      if (fetched.isEmpty()) {
        // An auth provider that publishes no key cannot have issued a valid token yet.
        fetched = null;
        failure = unavailable();
      } else {
        fetchedAtMs = clockMs.getAsLong();
        keys = fetched;
      }
    } catch (VentException e) {
      LOG.warn(
          "event=jwks_fetch_failed reason={} detail=\"{}\" keptKeys={}",
          e.reason(),
          e.detail(),
          keys != null);
      failure = e;
    } catch (ParseException | RuntimeException e) {
      LOG.error("event=jwks_unreadable keptKeys={}", keys != null, e);
      failure = unavailable();
    }
    synchronized (this) {
      inFlight = null;
    }
    if (fetched == null && keys == null) {
      result.completeExceptionally(failure);
    } else {
      result.complete(fetched);
    }
  }

  private static JWKSet await(CompletableFuture<JWKSet> fetch) {
    try {
      return fetch.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable();
    } catch (ExecutionException | CompletionException e) {
      throw e.getCause() instanceof VentException ve ? ve : unavailable();
    }
  }

  private static VentException unavailable() {
    return new VentException(
        ErrorKind.UNAVAILABLE, "DEPENDENCY_UNAVAILABLE", "token keys are not available yet");
  }
}
