package vent.provider.auth.server;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.provider.auth.security.JwtTokenIssuer;

/**
 * Runs {@link JwtTokenIssuer#refresh()} on a daemon thread at a fixed interval, so every instance
 * follows (and, when due, performs) key rotation without a restart. A failed check (Redis down) is
 * logged and retried at the next tick; signing goes on with the held key.
 */
public final class SigningKeyRotation implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SigningKeyRotation.class);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "signing-key-rotation");
            t.setDaemon(true);
            return t;
          });

  private SigningKeyRotation() {}

  /**
   * @param interval time between two checks, positive
   */
  public static SigningKeyRotation every(Duration interval, JwtTokenIssuer issuer) {
    SigningKeyRotation rotation = new SigningKeyRotation();
    long ms = interval.toMillis();
    rotation.timer.scheduleWithFixedDelay(
        () -> {
          try {
            issuer.refresh();
          } catch (RuntimeException e) {
            LOG.warn("event=signing_key_check_failed error={}", e.toString());
          }
        },
        ms,
        ms,
        TimeUnit.MILLISECONDS);
    return rotation;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
