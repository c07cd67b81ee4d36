package vent.common.events;

/**
 * Applies one event. Delivery is at-least-once: the same event (same {@link DomainEvent#id()})
 * may arrive again after a crash or a timeout, so a handler must be idempotent.
 */
@FunctionalInterface
public interface EventHandler {

  /**
   * Returning normally acknowledges the event. Throwing leaves it pending: it is delivered again
   * (to this or another instance) once it has been idle for the claim timeout, and moved to the
   * dead-letter stream after the maximum number of deliveries.
   */
  void handle(DomainEvent event) throws Exception;
}
