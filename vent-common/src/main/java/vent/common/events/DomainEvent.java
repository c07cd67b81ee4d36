package vent.common.events;

import dev.vent.events.v1.Event;

/**
 * One entry of an event stream, decoded.
 *
 * @param id the stream entry id, {@code <ms>-<seq>}: the event's identity (a redelivery carries the
 *     same id)
 * @param atMs when the event was written, milliseconds since the Unix epoch (the id's first part)
 * @param event the payload
 */
public record DomainEvent(String id, long atMs, Event event) {}
