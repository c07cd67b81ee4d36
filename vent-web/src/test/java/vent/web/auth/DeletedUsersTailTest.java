package vent.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vent.events.v1.Event;
import dev.vent.events.v1.UserDeleted;
import dev.vent.events.v1.UserRegistered;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;
import vent.common.events.EventJson;
import vent.common.events.EventStreams;
import vent.common.testing.Eventually;
import vent.common.testing.RedisExtension;

/** The tail of the user event stream against the real test Redis (a redis-server process). */
class DeletedUsersTailTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private static final Duration WINDOW = Duration.ofMinutes(20);
  private static final Duration BLOCK = Duration.ofMillis(300);

  private final AtomicBoolean redisDown = new AtomicBoolean();
  private DeletedUsersTail tail;

  @AfterEach
  void stop() throws InterruptedException {
    if (tail != null) {
      tail.stop();
    }
  }

  private RStream<String, String> stream() {
    return REDIS.client().getStream(EventStreams.shard(EventStreams.USER, 0), StringCodec.INSTANCE);
  }

  /**
   * XADD as the user provider does: {@code type} and {@code event} fields; {@code atMs} 0 = auto
   * id.
   */
  private void publish(Event event, long atMs) {
    StreamAddArgs<String, String> args =
        StreamAddArgs.entries(
            Map.of(
                EventStreams.TYPE_FIELD,
                EventJson.typeOf(event),
                EventStreams.EVENT_FIELD,
                EventJson.encode(event)));
    if (atMs == 0) {
      stream().add(args);
    } else {
      stream().add(new StreamMessageId(atMs, 0), args);
    }
  }

  private static Event deleted(String userId) {
    return Event.newBuilder()
        .setUserDeleted(UserDeleted.newBuilder().setUserId(userId).setUsername("u" + userId))
        .build();
  }

  private static Event registered(String userId) {
    return Event.newBuilder()
        .setUserRegistered(UserRegistered.newBuilder().setUserId(userId).setUsername("u" + userId))
        .build();
  }

  private DeletedUsers startTail() {
    DeletedUsers set = new DeletedUsers(WINDOW, System::currentTimeMillis);
    Supplier<RedissonClient> redis =
        () -> {
          if (redisDown.get()) {
            throw new IllegalStateException("cannot connect to Redis (simulated outage)");
          }
          return REDIS.client();
        };
    tail = new DeletedUsersTail(redis, set, BLOCK, EventStreams.shard(EventStreams.USER, 0));
    tail.start();
    return set;
  }

  @Test
  void aDeletionPublishedWhileTailingIsSeenWithinTwoSeconds() throws InterruptedException {
    DeletedUsers set = startTail();
    Thread.sleep(BLOCK.toMillis()); // the tail is blocked in XREAD
    publish(registered("100"), 0);
    long t0 = System.nanoTime();
    publish(deleted("101"), 0);
    Eventually.until("deletion seen", Duration.ofSeconds(2), () -> set.contains("101"));
    System.out.printf("event=deleted_user_seen_after ms=%.1f%n", (System.nanoTime() - t0) / 1e6);
    assertThat(set.contains("100")).as("a registration is not a deletion").isFalse();
  }

  @Test
  void aRestartedTailKnowsTheDeletionsOfTheWindowOnly() throws InterruptedException {
    long now = System.currentTimeMillis();
    publish(deleted("1"), now - WINDOW.toMillis() - 60_000); // tokens of this one have all expired
    publish(registered("2"), now - 120_000);
    publish(deleted("2"), now - 60_000);
    publish(deleted("3"), 0);
    DeletedUsers set = startTail();
    Eventually.until("catch-up", Duration.ofSeconds(2), () -> set.contains("3"));
    assertThat(set.contains("2")).isTrue();
    assertThat(set.contains("1")).isFalse();
    assertThat(set.size()).isEqualTo(2);
  }

  @Test
  void malformedEntriesAreSkipped() throws InterruptedException {
    stream()
        .add(
            StreamAddArgs.entries(
                Map.of(
                    EventStreams.TYPE_FIELD,
                    "UserDeleted",
                    EventStreams.EVENT_FIELD,
                    "{not json")));
    stream().add(StreamAddArgs.entries(Map.of(EventStreams.TYPE_FIELD, "UserDeleted")));
    publish(deleted("9"), 0);
    DeletedUsers set = startTail();
    Eventually.until(
        "the entry after the malformed ones", Duration.ofSeconds(2), () -> set.contains("9"));
    assertThat(set.size()).isEqualTo(1);
  }

  @Test
  void aRedisOutageKeepsTheSetAndMissesNothing() throws InterruptedException {
    DeletedUsers set = startTail();
    publish(deleted("20"), 0);
    Eventually.until("before the outage", Duration.ofSeconds(2), () -> set.contains("20"));

    redisDown.set(true);
    Thread.sleep(BLOCK.toMillis() + 1500); // the current XREAD ends, then at least one failed retry
    publish(deleted("21"), 0); // written while the tail cannot read
    assertThat(set.contains("20")).as("kept through the outage").isTrue();
    assertThat(set.contains("21")).isFalse();

    redisDown.set(false);
    Eventually.until(
        "after the outage (retried each second)", Duration.ofSeconds(3), () -> set.contains("21"));
    assertThat(set.contains("20")).isTrue();
  }

  @Test
  void notReadyUntilTheStartUpCatchUpHasReadTheWholeStream() throws InterruptedException {
    for (int i = 0; i < 2500; i++) {
      publish(registered(String.valueOf(1000 + i)), 0);
    }
    publish(deleted("1000"), 0);
    redisDown.set(true);
    DeletedUsers set = startTail();
    DeletedUsersHealthCheckProbe health = new DeletedUsersHealthCheckProbe(tail);
    Thread.sleep(BLOCK.toMillis() + 500);
    assertThat(tail.caughtUp()).as("nothing read yet").isFalse();
    assertThat(health.healthy()).isFalse();

    redisDown.set(false);
    Eventually.until("caught up", Duration.ofSeconds(5), tail::caughtUp);
    assertThat(set.contains("1000")).as("the last entry was read before reporting ready").isTrue();
    assertThat(health.healthy()).isTrue();
  }

  /** The admin port's {@code deleted-users} check over this tail. */
  private record DeletedUsersHealthCheckProbe(DeletedUsersTail tail) {
    boolean healthy() {
      return new vent.web.health.DeletedUsersHealthCheck(tail::caughtUp).execute().isHealthy();
    }
  }
}
