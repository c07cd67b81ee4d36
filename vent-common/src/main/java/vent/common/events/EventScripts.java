package vent.common.events;

/**
 * Lua that producers put in front of their own scripts, so that the state change and its event
 * are written by one script: Redis runs a script atomically, and with AOF or replication its
 * writes are kept or lost together (no event without the change, no change without the event).
 */
public final class EventScripts {

  /**
   * Defines {@code publish(stream, maxLength, type, event)}: XADD of one entry with the fields
   * {@code type} and {@code event} (the Lua table {@code event}, encoded with Redis' cjson, in the
   * shape of proto3 JSON: lowerCamelCase names, int64 values as strings), trimming the stream to
   * about {@code maxLength} entries ({@code MAXLEN ~}).
   */
  public static final String PUBLISH = """
      local function publish(stream, maxLength, type, event)
        return redis.call('XADD', stream, 'MAXLEN', '~', maxLength, '*', 'type', type, 'event', cjson.encode(event))
      end
      """;

  private EventScripts() {}
}
