package vent.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RScript;
import org.redisson.api.RStream;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;
import vent.common.redis.LuaScripts;
import vent.common.testing.Eventually;
import vent.common.testing.RedisExtension;

/**
 * Trimming against a real redis-server: a consumer group that stops reading keeps every entry it
 * has not acknowledged, a {@code UserDeleted} among thousands of updates, however small the length
 * setting; entries inside the keep window stay for plain XREAD readers.
 */
class StreamTrimIT {

  @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

  private static final String STREAM = EventStreams.shard("vent:events:trim-test", 0);

  /**
   * Trim as soon as the stream holds more than 100 entries, keep nothing for its age, every 100 ms.
   */
  private static final Retention TIGHT =
      new Retention(100, Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(500));

  /** Writes through the producers' own function, as the user provider's scripts do. */
  private static final String PUBLISH =
      LuaScripts.load("events/publish.lua", "testing/publish_user_event.lua");

  private final List<StreamConsumer> consumers = new ArrayList<>();

  @AfterEach
  void stop() {
    consumers.forEach(StreamConsumer::close);
  }

  @Test
  void aPausedGroupStillReceivesTheDeletionWrittenBeforeTwoThousandUpdates() throws Exception {
    // The auth group exists and has read everything so far, then its only member stops.
    Set<String> authDeleted = ConcurrentHashMap.newKeySet();
    StreamConsumer auth =
        start("auth-user-deleted", "auth-1", event -> recordDeletion(event, authDeleted));
    String first = publish("updated", "7", 0);
    Eventually.succeeds(
        "stream trim",
        Duration.ofSeconds(10),
        () ->
            assertThat(stream().listGroups())
                .singleElement()
                .satisfies(g -> assertThat(g.getLastDeliveredId().toString()).isEqualTo(first)));
    Eventually.succeeds(
        "stream trim",
        Duration.ofSeconds(10),
        () -> assertThat(pending("auth-user-deleted")).isZero());
    auth.close();
    consumers.remove(auth);

    // The relation group keeps reading and acknowledging, so trimming runs all along.
    Set<String> relationSeen = ConcurrentHashMap.newKeySet();
    start("relation-user-deleted", "relation-1", event -> relationSeen.add(event.id()));
    String deletion = publish("deleted", "42", 0);
    List<String> updates = new ArrayList<>();
    for (int i = 1; i <= 2000; i++) {
      updates.add(publish("updated", "7", i));
    }
    Eventually.succeeds(
        "stream trim",
        Duration.ofSeconds(20),
        () -> assertThat(relationSeen).contains(deletion).containsAll(updates));
    Thread.sleep(500); // several trims after the relation group caught up
    assertThat(stream().range(StreamMessageId.MIN, StreamMessageId.MAX).keySet())
        .as("entries the paused group has not read")
        .map(StreamMessageId::toString)
        .contains(deletion)
        .containsAll(updates);

    start("auth-user-deleted", "auth-2", event -> recordDeletion(event, authDeleted));
    Eventually.succeeds(
        "stream trim", Duration.ofSeconds(20), () -> assertThat(authDeleted).containsExactly("42"));

    // Once both groups acknowledged everything, the stream shrinks (MINID ~ removes whole nodes
    // of 100 entries, so some are left).
    Eventually.succeeds(
        "stream trim", Duration.ofSeconds(20), () -> assertThat(stream().size()).isLessThan(300));
  }

  @Test
  void acknowledgedEntriesInsideTheKeepWindowStay() throws Exception {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    Retention keepAnHour =
        new Retention(100, Duration.ofHours(1), Duration.ofMillis(100), Duration.ofMillis(500));
    consumers.add(
        StreamConsumer.start(
            REDIS.client(),
            STREAM,
            settings("relation-user-deleted", "relation-1").withRetention(keepAnHour),
            event -> seen.add(event.id())));
    for (int i = 0; i < 500; i++) {
      publish("updated", "7", i);
    }
    Eventually.succeeds("stream trim", Duration.ofSeconds(20), () -> assertThat(seen).hasSize(500));
    Thread.sleep(500);
    assertThat(stream().size())
        .as("a plain XREAD reader restarting reads back the last hour")
        .isEqualTo(500);
  }

  @Test
  void aStreamWithoutGroupsIsNotTrimmed() {
    for (int i = 0; i < 300; i++) {
      publish("updated", "7", i);
    }
    List<Object> out = trim();
    assertThat(out.get(0)).as("removed").isEqualTo(0L);
    assertThat(out.get(2)).as("floor").isEqualTo("");
    assertThat(stream().size()).isEqualTo(300);
  }

  private StreamConsumer start(String group, String consumer, EventHandler handler) {
    StreamConsumer started =
        StreamConsumer.start(REDIS.client(), STREAM, settings(group, consumer), handler);
    consumers.add(started);
    return started;
  }

  private static ConsumerSettings settings(String group, String consumer) {
    return new ConsumerSettings(
        group, consumer, 100, Duration.ofMillis(100), Duration.ofSeconds(5), 5, TIGHT);
  }

  private static void recordDeletion(DomainEvent event, Set<String> deleted) {
    if (event.event().hasUserDeleted()) {
      deleted.add(event.event().getUserDeleted().getUserId());
    }
  }

  /** Writes through the outbox and relays, as a producer does; returns the stream entry's id. */
  private static String publish(String kind, String userId, long n) {
    String outbox = Outbox.key("test", userId);
    REDIS
        .client()
        .getScript(StringCodec.INSTANCE)
        .eval(
            RScript.Mode.READ_WRITE,
            PUBLISH,
            RScript.ReturnType.VALUE,
            List.of(outbox),
            kind,
            userId,
            Long.toString(n),
            STREAM);
    new OutboxRelay(REDIS.client(), "test").relay(outbox);
    return stream()
        .rangeReversed(1, StreamMessageId.MAX, StreamMessageId.MIN)
        .keySet()
        .iterator()
        .next()
        .toString();
  }

  private static List<Object> trim() {
    return REDIS
        .client()
        .getScript(StringCodec.INSTANCE)
        .eval(
            RScript.Mode.READ_WRITE,
            LuaScripts.load("events/trim.lua"),
            RScript.ReturnType.LIST,
            List.of(STREAM, EventStreams.deadLetter(STREAM)),
            "0",
            "0-0",
            "1");
  }

  private static long pending(String group) {
    return stream().getPendingInfo(group).getTotal();
  }

  private static RStream<String, String> stream() {
    return REDIS.client().getStream(STREAM, StringCodec.INSTANCE);
  }
}
