package vent.web.it;

import java.security.SecureRandom;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Picks the seed of the random class order ({@code junit-platform.properties}) and prints it, so a
 * failing order can be run again: {@code -Dvent.it.seed=N} reuses seed N. JUnit reads the seed from
 * the system property {@value #JUNIT_SEED} when it orders the classes, after this listener ran (and
 * logs it only at a level nobody sees).
 */
public final class OrderSeed implements LauncherSessionListener {

  static final String JUNIT_SEED = "junit.jupiter.execution.order.random.seed";

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String given = System.getProperty("vent.it.seed", "").strip();
    String seed =
        given.isEmpty()
            ? Long.toString(new SecureRandom().nextLong() >>> 1)
            : Long.toString(Long.parseLong(given));
    System.setProperty(JUNIT_SEED, seed);
    System.out.println(
        "event=it_order seed="
            + seed
            + " given="
            + !given.isEmpty()
            + " rerun=-Dvent.it.seed="
            + seed);
  }
}
