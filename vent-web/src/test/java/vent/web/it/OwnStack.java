package vent.web.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class gets a stack of its own, started before its first test from an empty state folder
 * and stopped after its last: for tests that break processes or need other settings than the shared
 * stack's. Costs one {@code ./vent up} (60-90 s on 2 cores). {@link Stack} parameters of its
 * methods receive the stack.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(StackExtension.class)
public @interface OwnStack {

  /** The state folder's name under {@code vent-web/target/}. */
  String name();

  /**
   * Added to the ports of the shared stack, which runs at the same time: at least 100. Own stacks
   * never run at the same time as each other, so they may use the same shift.
   */
  int shift() default 500;

  /** The Sentinel rules the stack runs with. */
  Rules rules() default Rules.RELAXED;

  /**
   * More launcher settings for this stack, as {@code NAME=value} (e.g. {@code
   * VENT_LOG_MAX_BYTES=2048}); they win over the test stacks' own.
   */
  String[] env() default {};

  /** The Sentinel rules of a test stack. */
  enum Rules {
    /**
     * The shipped rules of {@code sentinel-rules/} as {@code ./vent up} seeds them, and no trusted
     * proxy: clients are told apart by their connection's address.
     */
    DEFAULT,
    /**
     * The shared stack's: per-IP, login and system limits emptied in Consul KV (the tests load two
     * cores from one host on purpose), and 127.0.0.1 trusted as a proxy so that each {@link Rest}
     * client is seen at an address of its own.
     */
    RELAXED
  }
}
