package vent.provider.auth.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Brute-force protection of login: once a username or a client IP has {@code failuresBeforeCaptcha}
 * failed logins within {@code window}, every further login for it must carry a solved captcha until
 * the failures age out of the window. The failures of unknown usernames count like any other, so
 * the throttle does not reveal which names exist. A successful login forgets the username's
 * failures but not the IP's: one good account must not reset an address that is guessing others.
 */
public final class LoginThrottle {

  private final LoginFailureLog log;

  /** Both read for each attempt (global configuration, live). */
  private final IntSupplier failuresBeforeCaptcha;

  private final LongSupplier windowSeconds;
  private final Clock clock;

  /**
   * @param failuresBeforeCaptcha failed logins allowed without a captcha, at least 1
   * @param window how long a failure counts, positive
   */
  public LoginThrottle(
      LoginFailureLog log, int failuresBeforeCaptcha, Duration window, Clock clock) {
    this(log, constant(failuresBeforeCaptcha, window), window::toSeconds, clock);
  }

  /**
   * As above with thresholds read for each attempt, so a change applies to the next login.
   *
   * @param failuresBeforeCaptcha must always supply at least 1
   * @param windowSeconds how long a failure counts, seconds; must always supply a positive value
   */
  public LoginThrottle(
      LoginFailureLog log,
      IntSupplier failuresBeforeCaptcha,
      LongSupplier windowSeconds,
      Clock clock) {
    this.log = log;
    this.failuresBeforeCaptcha = failuresBeforeCaptcha;
    this.windowSeconds = windowSeconds;
    this.clock = clock;
  }

  private static IntSupplier constant(int failuresBeforeCaptcha, Duration window) {
    if (failuresBeforeCaptcha < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("need failuresBeforeCaptcha >= 1 and a positive window");
    }
    return () -> failuresBeforeCaptcha;
  }

  private long windowMs() {
    return windowSeconds.getAsLong() * 1000L;
  }

  /**
   * @return whether the next login of {@code lowerUsername} from {@code clientIp} needs a captcha
   */
  public boolean captchaRequired(String lowerUsername, String clientIp) {
    long since = clock.millis() - windowMs();
    int threshold = failuresBeforeCaptcha.getAsInt();
    for (String subject : subjects(lowerUsername, clientIp)) {
      if (log.countSince(subject, since) >= threshold) {
        return true;
      }
    }
    return false;
  }

  /** Counts a failed login against the username and the IP. */
  public void failed(String lowerUsername, String clientIp) {
    long now = clock.millis();
    long windowMs = windowMs();
    for (String subject : subjects(lowerUsername, clientIp)) {
      log.record(subject, now, windowMs);
    }
  }

  /** Forgets the username's failures after a successful login. */
  public void succeeded(String lowerUsername) {
    log.clear(userSubject(lowerUsername));
  }

  private static List<String> subjects(String lowerUsername, String clientIp) {
    List<String> subjects = new ArrayList<>(2);
    subjects.add(userSubject(lowerUsername));
    if (clientIp != null && !clientIp.isBlank()) {
      subjects.add("ip:" + clientIp.strip());
    }
    return subjects;
  }

  private static String userSubject(String lowerUsername) {
    return "user:" + lowerUsername;
  }
}
