package vent.common.events;

/**
 * Lua that producers put in front of their own scripts, so that the state change and its event
 * are written by one script: Redis runs a script atomically, and with AOF or replication its
 * writes are kept or lost together (no event without the change, no change without the event).
 */
public final class EventScripts {

  /**
   * Defines {@code publish(stream, type, event)}: XADD of one entry with the fields {@code type}
   * and {@code event} (the Lua table {@code event}, encoded with Redis' cjson, in the shape of
   * proto3 JSON: lowerCamelCase names, int64 values as strings). It does not trim: a length cap
   * here would drop entries that a lagging group has not read yet, a {@code UserDeleted} among
   * them; {@link StreamConsumer} trims below what every group acknowledged.
   */
  public static final String PUBLISH = """
      local function publish(stream, type, event)
        return redis.call('XADD', stream, '*', 'type', type, 'event', cjson.encode(event))
      end
      """;

  private EventScripts() {}
}
