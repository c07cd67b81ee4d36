package vent.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import vent.common.testing.MutableClock;

/** The set of recently deleted users: kept for the window, then forgotten. */
class DeletedUsersTest {

  private static final long WINDOW_MS = Duration.ofMinutes(20).toMillis();

  private final MutableClock clock = new MutableClock(1_800_000_000_000L);
  private final DeletedUsers deleted =
      new DeletedUsers(Duration.ofMillis(WINDOW_MS), clock::millis);

  @Test
  void aDeletionIsKeptForTheWindowThenForgotten() {
    deleted.add("42", clock.millis());
    assertThat(deleted.contains("42")).isTrue();
    assertThat(deleted.contains("43")).isFalse();

    clock.advance(WINDOW_MS - 1);
    assertThat(deleted.expire()).isZero();
    assertThat(deleted.contains("42")).isTrue();

    clock.advance(1);
    // Refused no longer even before expire() runs: tokens issued before the deletion have expired.
    assertThat(deleted.contains("42")).isFalse();
    assertThat(deleted.size()).isEqualTo(1);
    assertThat(deleted.expire()).isEqualTo(1);
    assertThat(deleted.size()).isZero();
  }

  @Test
  void deletionsOlderThanTheWindowAreNotAdded() {
    deleted.add("7", clock.millis() - WINDOW_MS);
    deleted.add("8", clock.millis() - WINDOW_MS + 1);
    assertThat(deleted.contains("7")).isFalse();
    assertThat(deleted.contains("8")).isTrue();
    assertThat(deleted.size()).isEqualTo(1);
  }

  @Test
  void aRedeliveredOrRepeatedDeletionKeepsTheLaterTime() {
    long first = clock.millis();
    deleted.add("5", first);
    clock.advance(60_000);
    deleted.add("5", clock.millis());
    deleted.add("5", first); // an older redelivery does not shorten it
    clock.advance(WINDOW_MS - 30_000);
    assertThat(deleted.contains("5")).isTrue();
    assertThat(deleted.size()).isEqualTo(1);
  }

  @Test
  void memoryIsBoundedByOneWindowOfDeletions() {
    for (int i = 0; i < 10_000; i++) {
      deleted.add(String.valueOf(i), clock.millis());
      clock.advance(1000);
      deleted.expire();
    }
    // One deletion a second for a 20-minute window (the oldest has just left it).
    assertThat(deleted.size()).isEqualTo((int) (WINDOW_MS / 1000) - 1);
    assertThat(deleted.contains("9999")).isTrue();
    assertThat(deleted.contains("0")).isFalse();
  }

  @Test
  void theWindowMustBePositive() {
    assertThatThrownBy(() -> new DeletedUsers(Duration.ZERO, clock::millis))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theWindowStartsWindowAgo() {
    assertThat(deleted.windowStartMs()).isEqualTo(clock.millis() - WINDOW_MS);
  }
}
