package vent.web.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.function.BooleanSupplier;

/**
 * {@code deleted-users}: unhealthy until the deleted-users tail has caught up with the user event
 * stream once after start ({@link vent.web.auth.DeletedUsersTail#caughtUp()}). Before that, an
 * access token of a user deleted shortly before this instance started would still be accepted, so
 * the instance must not be counted as ready. Healthy for good afterwards: later Redis outages show
 * in the {@code redis} check, and the deletions already read stay refused meanwhile.
 */
public final class DeletedUsersHealthCheck extends HealthCheck {

  private final BooleanSupplier caughtUp;

  /**
   * @param caughtUp whether the tail has read the stream to its end at least once
   */
  public DeletedUsersHealthCheck(BooleanSupplier caughtUp) {
    this.caughtUp = caughtUp;
  }

  @Override
  protected Result check() {
    return caughtUp.getAsBoolean()
        ? Result.healthy("caught up with the user event stream")
        : Result.unhealthy(
            "still reading the user event stream: deleted users' tokens are not all known yet");
  }
}
