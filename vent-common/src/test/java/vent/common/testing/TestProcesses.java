package vent.common.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Helpers for the external processes tests start ({@link RedisServer}, {@link ConsulAgent}). */
final class TestProcesses {

  private TestProcesses() {}

  /**
   * Asks {@code process} to exit, waits up to {@code grace}, then kills it; if interrupted while
   * waiting, kills it at once and keeps the interrupt flag.
   */
  static void stop(Process process, Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
