package vent.common.events;

import java.util.List;

/**
 * Applies one event. Delivery is at-least-once: the same event (same {@link DomainEvent#id()}) may
 * arrive again after a crash or a timeout, so a handler must be idempotent.
 */
@FunctionalInterface
public interface EventHandler {

  /**
   * Returning normally acknowledges the event. Throwing leaves it pending: it is delivered again
   * (to this or another instance) once it has been idle for the claim timeout, and moved to the
   * dead-letter stream after the maximum number of deliveries.
   */
  void handle(DomainEvent event) throws Exception;

  /**
   * Applies several events read together, in stream order; by default one by one. A handler
   * overrides it to apply them in fewer round trips. Returning normally acknowledges them all;
   * throwing makes the consumer hand them to {@link #handle} one by one instead (so events already
   * applied are applied again: idempotence makes that harmless).
   */
  default void handleBatch(List<DomainEvent> events) throws Exception {
    for (DomainEvent event : events) {
      handle(event);
    }
  }
}
