package vent.provider.user.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vent.events.v1.Event;
import dev.vent.events.v1.UserDeleted;
import dev.vent.events.v1.UserRegistered;
import dev.vent.events.v1.UserUpdated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RStream;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;
import vent.common.events.EventJson;
import vent.common.events.EventStreams;
import vent.common.events.OutboxRelay;
import vent.common.testing.RedisExtension;
import vent.provider.user.domain.ProfileUpdate;
import vent.provider.user.domain.UserProfile;

/** Every user write publishes its event in the same script, and a refused write publishes none. */
class UserEventsTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private static RedisUserRepository repo;

  private static final int SHARDS = 4;

  @BeforeAll
  static void setUp() {
    repo = new RedisUserRepository(REDIS.client(), new OutboxRelay(REDIS.client(), "user"), SHARDS);
  }

  @Test
  void createUpdateDeletePublishOneEventEach() {
    UserProfile dana = repo.create("dana", "Dana", "", 1000L).orElseThrow();
    assertThat(repo.create("dana", "Other", "", 1001L)).isEmpty();
    repo.update(dana.id(), new ProfileUpdate("Dana B", null), 2000L);
    repo.update("999", new ProfileUpdate("Ghost", null), 2001L);
    assertThat(repo.delete(dana.id())).isTrue();
    assertThat(repo.delete(dana.id())).isFalse();

    assertThat(events())
        .containsExactly(
            Event.newBuilder()
                .setUserRegistered(
                    UserRegistered.newBuilder()
                        .setUserId(dana.id())
                        .setUsername("dana")
                        .setDisplayName("Dana")
                        .setCreatedAtMs(1000L))
                .build(),
            Event.newBuilder()
                .setUserUpdated(
                    UserUpdated.newBuilder()
                        .setUserId(dana.id())
                        .setDisplayName("Dana B")
                        .setUpdatedAtMs(2000L))
                .build(),
            Event.newBuilder()
                .setUserDeleted(UserDeleted.newBuilder().setUserId(dana.id()).setUsername("dana"))
                .build());
  }

  @Test
  void ensurePublishesOnlyForCreatedUsers() {
    repo.create("u1", "U1", "", 1L);
    repo.ensure(List.of("u1", "u2", "u3"), 5L);
    repo.ensure(List.of("u2", "u3"), 6L);
    assertThat(events())
        .extracting(e -> e.getUserRegistered().getUsername())
        .containsExactlyInAnyOrder("u1", "u2", "u3");
  }

  @Test
  void entriesNameTheirType() {
    repo.create("erin", "Erin", "", 1L);
    String id = repo.findByUsername("erin").orElseThrow().id();
    Map<String, String> fields =
        REDIS
            .client()
            .<String, String>getStream(
                EventStreams.shardFor(EventStreams.USER, id, SHARDS), StringCodec.INSTANCE)
            .range(StreamMessageId.MIN, StreamMessageId.MAX)
            .values()
            .iterator()
            .next();
    assertThat(fields)
        .containsEntry(EventStreams.TYPE_FIELD, "UserRegistered")
        .containsKey(EventStreams.EVENT_FIELD);
  }

  @Test
  void writesNeverTrimTheStream() {
    // A lagging consumer group must find every event; only the consumers trim (StreamConsumer).
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      names.add("t" + i);
    }
    repo.ensure(names, 1L);
    assertThat(events()).hasSize(1000);
  }

  @Test
  void eachUsersEventsGoToTheShardOfItsId() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      names.add("s" + i);
    }
    for (var user : repo.ensure(names, 1L)) {
      RStream<String, String> shard =
          REDIS
              .client()
              .getStream(
                  EventStreams.shardFor(EventStreams.USER, user.id(), SHARDS),
                  StringCodec.INSTANCE);
      assertThat(
              shard.range(StreamMessageId.MIN, StreamMessageId.MAX).values().stream()
                  .map(f -> f.get(EventStreams.EVENT_FIELD))
                  .filter(e -> e.contains("\"userId\":\"" + user.id() + "\""))
                  .count())
          .as("user %s", user.id())
          .isEqualTo(1);
    }
    assertThat(
            EventStreams.shards(EventStreams.USER, SHARDS).stream()
                .filter(k -> REDIS.client().getStream(k).size() > 0)
                .count())
        .as("40 users spread over the shards")
        .isGreaterThan(1);
  }

  /** Every shard's events, shard by shard; one user's events are in order in its shard. */
  private static List<Event> events() {
    List<Event> out = new ArrayList<>();
    for (String shard : EventStreams.shards(EventStreams.USER, SHARDS)) {
      REDIS
          .client()
          .<String, String>getStream(shard, StringCodec.INSTANCE)
          .range(StreamMessageId.MIN, StreamMessageId.MAX)
          .forEach((id, fields) -> out.add(EventJson.decode(id.toString(), fields).event()));
    }
    return out;
  }
}
