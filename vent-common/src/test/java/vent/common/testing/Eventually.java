package vent.common.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits for something that becomes true a moment later (a registration, a Consul watch). */
public final class Eventually {

  private static final long POLL_MS = 200;

  private Eventually() {}

  /**
   * Polls {@code condition} every 200 ms.
   *
   * @throws AssertionError naming {@code what} if it is still false after {@code timeout}
   */
  public static void until(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within " + timeout);
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MS);
    }
  }

  /**
   * Calls {@code call} every 200 ms until it stops throwing (an exception or a failed assertion).
   *
   * @throws AssertionError naming {@code what} and the last failure after {@code timeout}
   */
  public static void succeeds(String what, Duration timeout, Runnable call)
      throws InterruptedException {
    Throwable[] last = new Throwable[1];
    try {
      until(
          what,
          timeout,
          () -> {
            try {
              call.run();
              return true;
            } catch (RuntimeException | AssertionError e) {
              last[0] = e;
              return false;
            }
          });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last failure: " + last[0], last[0]);
    }
  }
}
