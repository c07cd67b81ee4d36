package vent.web.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

/**
 * The auth provider's public keys (its JWK Set, from {@code AuthService.GetJwks}), kept in
 * memory for local token verification.
 *
 * <p>Fetched on first use; fetched again when a token names a key id the cached set lacks (the
 * auth service rotated its key), but at most once per {@code minRefetchInterval} so forged key
 * ids cannot turn every request into an RPC; and refreshed after {@code maxAge} so retired keys
 * stop verifying. While no key set was ever fetched, a failed fetch is retried after one second
 * and requests meanwhile get 503 DEPENDENCY_UNAVAILABLE (not 401: the token may well be valid).
 */
public final class JwksCache implements JWKSource<SecurityContext> {

  private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);
  private static final long FIRST_FETCH_RETRY_MS = 1000;

  private final Supplier<String> fetchJwksJson;
  private final LongSupplier clockMs;
  private final long minRefetchMs;
  private final long maxAgeMs;

  private volatile JWKSet keys;
  private long fetchedAtMs;
  private long attemptedAtMs;
  private boolean attempted;

  /**
   * @param fetchJwksJson returns the JWK Set JSON (RFC 7517 section 5); throws
   *     {@link VentException} when the auth provider cannot answer
   * @param clockMs current time, milliseconds
   * @param minRefetchInterval least time between two fetches triggered by unknown key ids
   * @param maxAge how long a fetched set is used before it is fetched again
   */
  public JwksCache(Supplier<String> fetchJwksJson, LongSupplier clockMs, Duration minRefetchInterval, Duration maxAge) {
    this.fetchJwksJson = fetchJwksJson;
    this.clockMs = clockMs;
    this.minRefetchMs = minRefetchInterval.toMillis();
    this.maxAgeMs = maxAge.toMillis();
  }

  /**
   * @return the keys matching {@code selector} (nimbus builds it from the token's header: kid,
   *     key type and algorithm), empty when none does even after an allowed refetch
   * @throws VentException UNAVAILABLE / DEPENDENCY_UNAVAILABLE when no key set could ever be fetched
   */
  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) {
    JWKSet current = keys;
    long now = clockMs.getAsLong();
    if (current != null) {
      List<JWK> found = selector.select(current);
      if (!found.isEmpty() && !isStale(now)) {
        return found;
      }
    }
    synchronized (this) {
      now = clockMs.getAsLong();
      current = keys;
      List<JWK> found = current == null ? List.of() : selector.select(current);
      if (!found.isEmpty() && !isStale(now)) {
        return found;
      }
      if (mayFetch(now, current)) {
        fetch(now);
      } else if (keys == null) {
        throw unavailable();
      }
      return keys == null ? List.of() : selector.select(keys);
    }
  }

  private boolean isStale(long now) {
    return now - fetchedAtMs >= maxAgeMs;
  }

  private boolean mayFetch(long now, JWKSet current) {
    if (!attempted) {
      return true;
    }
    long since = now - attemptedAtMs;
    return current == null ? since >= FIRST_FETCH_RETRY_MS : since >= minRefetchMs;
  }

  private void fetch(long now) {
    attempted = true;
    attemptedAtMs = now;
    try {
      JWKSet fetched = JWKSet.parse(fetchJwksJson.get()).toPublicJWKSet();
      LOG.info("event=jwks_fetched keys={}", fetched.getKeys().size());
      if (fetched.isEmpty()) {
        // An auth provider that publishes no key cannot have issued a valid token yet.
        throw unavailable();
      }
      keys = fetched;
      fetchedAtMs = now;
    } catch (VentException e) {
      LOG.warn("event=jwks_fetch_failed reason={} detail={}", e.reason(), e.detail());
      if (keys == null) {
        throw e;
      }
    } catch (ParseException | RuntimeException e) {
      LOG.error("event=jwks_unreadable", e);
      if (keys == null) {
        throw unavailable();
      }
    }
  }

  private static VentException unavailable() {
    return new VentException(ErrorKind.UNAVAILABLE, "DEPENDENCY_UNAVAILABLE", "token keys are not available yet");
  }
}
