package vent.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RScript;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;
import vent.common.redis.LuaScripts;
import vent.common.redis.Slots;
import vent.common.testing.RedisExtension;

/**
 * The outbox hand-off against a real redis-server: a script writes state and its event on one slot,
 * the relay moves the event to its shard, and the sweep finds what a dead writer left.
 */
class OutboxRelayIT {

  @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

  private static final String STREAM = "vent:events:test";
  private static final int SHARDS = 4;
  private static final String WRITE =
      LuaScripts.load("events/publish.lua")
          + "redis.call('SET', KEYS[1], ARGV[2])\n"
          + "return publish(KEYS[2], ARGV[1], 'Tested', {userId = ARGV[3], n = ARGV[2]})\n";

  @Test
  void aScriptsEventSharesItsSlotAndReachesTheUsersShardInOrder() {
    RedissonClient redis = REDIS.client();
    OutboxRelay relay = new OutboxRelay(redis, "test");
    String outbox = Outbox.key("test", "42");
    assertThat(Slots.slot(outbox)).isEqualTo(Slots.slot("vent:test:{42}:state"));
    for (int n = 1; n <= 150; n++) {
      write("42", n);
    }
    assertThat(relay.relay(outbox)).isEqualTo(150);

    assertThat(outbox(outbox).size()).isZero();
    String shard = EventStreams.shardFor(STREAM, "42", SHARDS);
    List<String> seen = new ArrayList<>();
    for (Map<String, String> fields :
        stream(shard).range(StreamMessageId.MIN, StreamMessageId.MAX).values()) {
      assertThat(fields).containsOnlyKeys(EventStreams.TYPE_FIELD, EventStreams.EVENT_FIELD);
      seen.add(fields.get(EventStreams.EVENT_FIELD));
    }
    List<String> expected = new ArrayList<>();
    for (int n = 1; n <= 150; n++) {
      expected.add("{\"userId\":\"42\",\"n\":\"" + n + "\"}");
    }
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void theSweepRelaysWhatAWriterLeftBehindOnceItIsOldEnough() {
    RedissonClient redis = REDIS.client();
    OutboxRelay relay = new OutboxRelay(redis, "test");
    // Writers that "died" before relaying: their events sit in outboxes of different slots.
    List<String> users = List.of("1", "2", "777", "123456");
    users.forEach(user -> write(user, 1));
    long now = System.currentTimeMillis();

    assertThat(relay.sweep(now, Duration.ofMinutes(1))).as("entries younger than minAge").isZero();
    assertThat(relay.sweep(now + 60_000, Duration.ofSeconds(5))).isEqualTo(users.size());
    for (String user : users) {
      assertThat(stream(EventStreams.shardFor(STREAM, user, SHARDS)).size())
          .as("shard of user %s", user)
          .isPositive();
      assertThat(outbox(Outbox.key("test", user)).size()).isZero();
    }
    assertThat(relay.sweep(now + 60_000, Duration.ofSeconds(5))).isZero();
  }

  private void write(String user, int n) {
    REDIS
        .client()
        .getScript(StringCodec.INSTANCE)
        .eval(
            RScript.Mode.READ_WRITE,
            WRITE,
            RScript.ReturnType.VALUE,
            List.of("vent:test:{" + user + "}:state", Outbox.key("test", user)),
            EventStreams.shardFor(STREAM, user, SHARDS),
            Integer.toString(n),
            user);
  }

  private RStream<String, String> stream(String key) {
    return REDIS.client().getStream(key, StringCodec.INSTANCE);
  }

  private RStream<String, String> outbox(String key) {
    return REDIS.client().getStream(key, StringCodec.INSTANCE);
  }
}
