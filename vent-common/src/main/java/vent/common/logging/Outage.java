package vent.common.logging;

import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The "log once per outage" rule of Vent's background loops (stream consumers, stream tails): the
 * first failure of a streak is one WARN line {@code event=<name>_failing <subject> error="..."},
 * every call then waits the retry pause, and the first success after a streak is one INFO line
 * {@code event=<name>_recovered <subject>}. Not thread-safe: one loop owns it.
 */
public final class Outage {

  private final Logger log;
  private final String name;
  private final Supplier<String> subject;
  private final long retryMs;
  private boolean failing;

  /**
   * @param name the event's stem, e.g. {@code consumer}
   * @param subject what the loop works on, as {@code key=value} pairs, read when a line is logged
   * @param retryMs pause after each failure, milliseconds
   */
  public Outage(Logger log, String name, Supplier<String> subject, long retryMs) {
    this.log = log;
    this.name = name;
    this.subject = subject;
    this.retryMs = retryMs;
  }

  /**
   * Logs the failure if it starts a streak, then waits the retry pause.
   *
   * @return false when the wait was interrupted: the loop should stop (the interrupt flag is set)
   */
  public boolean failed(Throwable e) {
    if (!failing) {
      failing = true;
      log.warn("event={}_failing {} error=\"{}\"", name, subject.get(), oneLine(e));
    }
    try {
      Thread.sleep(retryMs);
      return true;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Logs the end of a streak, if there was one. */
  public void succeeded() {
    if (failing) {
      failing = false;
      log.info("event={}_recovered {}", name, subject.get());
    }
  }

  /**
   * @return {@code <Type>: <message>} on one line, double quotes made single (fits in {@code
   *     error="..."})
   */
  public static String oneLine(Throwable e) {
    return (e.getClass().getSimpleName() + ": " + e.getMessage())
        .replaceAll("[\\r\\n]+", " ")
        .replace('"', '\'');
  }
}
