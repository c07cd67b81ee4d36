package vent.common.events;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.vent.events.v1.Event;
import java.util.Map;

/**
 * Encodes and decodes stream entries: protobuf's canonical proto3 JSON mapping of {@link Event}
 * (https://protobuf.dev/programming-guides/json/).
 */
public final class EventJson {

  // Unknown fields are ignored so that a consumer keeps working when a producer adds fields.
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();

  private EventJson() {}

  /**
   * @param id the entry id, {@code <ms>-<seq>}
   * @param fields the entry's fields; {@link EventStreams#EVENT_FIELD} must hold the JSON
   * @throws IllegalArgumentException when the entry has no event, the JSON does not parse, or no
   *     payload is set
   */
  public static DomainEvent decode(String id, Map<String, String> fields) {
    String json = fields.get(EventStreams.EVENT_FIELD);
    if (json == null) {
      throw new IllegalArgumentException(
          "entry " + id + " has no '" + EventStreams.EVENT_FIELD + "' field");
    }
    Event.Builder event = Event.newBuilder();
    try {
      PARSER.merge(json, event);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new IllegalArgumentException(
          "entry " + id + " is not a vent.events.v1.Event: " + e.getMessage(), e);
    }
    if (event.getPayloadCase() == Event.PayloadCase.PAYLOAD_NOT_SET) {
      throw new IllegalArgumentException("entry " + id + " has no payload");
    }
    return new DomainEvent(id, atMs(id), event.build());
  }

  /**
   * @return the event in proto3 JSON, on one line
   */
  public static String encode(Event event) {
    try {
      return PRINTER.print(event);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * @return the payload's message name, as written to {@link EventStreams#TYPE_FIELD}
   */
  public static String typeOf(Event event) {
    if (event.getPayloadCase() == Event.PayloadCase.PAYLOAD_NOT_SET) {
      throw new IllegalArgumentException("no payload");
    }
    return Event.getDescriptor()
        .findFieldByNumber(event.getPayloadCase().getNumber())
        .getMessageType()
        .getName();
  }

  private static long atMs(String id) {
    int dash = id.indexOf('-');
    try {
      return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a stream entry id: " + id, e);
    }
  }
}
