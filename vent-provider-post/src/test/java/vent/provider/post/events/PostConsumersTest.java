package vent.provider.post.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vent.events.v1.Event;
import dev.vent.events.v1.UserDeleted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.StringCodec;
import vent.common.events.ConsumerSettings;
import vent.common.events.EventHandler;
import vent.common.events.EventJson;
import vent.common.events.EventStreams;
import vent.common.events.StreamConsumer;
import vent.common.testing.Eventually;
import vent.common.testing.RedisExtension;
import vent.common.testing.RedisTestSupport;
import vent.provider.post.PostFixture;
import vent.provider.post.domain.Audience;
import vent.provider.post.domain.TimelineSettings;
import vent.provider.post.domain.Vent;

/**
 * The consumer groups of the post provider on a real Redis, through the real relay and stream
 * consumers: a posted vent reaches every follower's timeline, a deleted one leaves them, and a
 * deleted user's vents and timeline go.
 */
class PostConsumersTest {

  @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<StreamConsumer> consumers = new ArrayList<>();
  // Blocking reads hold a connection each: the consumers of each stream get a client of their own.
  private final List<RedissonClient> clients = new ArrayList<>();
  private PostFixture f;

  @BeforeEach
  void setUp() {
    f = new PostFixture(REDIS.client(), TimelineSettings.fixed(800, 1000));
    start(EventStreams.POST, FanOutHandler.GROUP, new FanOutHandler(f.fanOut));
    start(EventStreams.USER, UserDeletedHandler.GROUP, new UserDeletedHandler(f.vents));
  }

  private void start(String stream, String group, EventHandler handler) {
    RedissonClient client = RedisTestSupport.newClient();
    clients.add(client);
    for (String shard : EventStreams.shards(stream, PostFixture.SHARDS)) {
      consumers.add(
          StreamConsumer.start(
              client,
              shard,
              ConsumerSettings.defaults(group, "test-" + shard)
                  .withClaimIdle(Duration.ofSeconds(1)),
              handler));
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (StreamConsumer c : consumers) {
      c.close();
    }
    clients.forEach(RedissonClient::shutdown);
  }

  private long timelineSize(String user) {
    return REDIS.client().getScoredSortedSet("vent:timeline:{" + user + "}:home").size();
  }

  @Test
  void aPostedVentReachesEveryFollowersTimelineAndADeletedOneLeavesThem() throws Exception {
    List<String> followers = new ArrayList<>();
    for (int i = 100; i < 350; i++) {
      f.relations.follow(Integer.toString(i), "7");
      followers.add(Integer.toString(i));
    }
    Vent v = f.vents.create("7", "to all of you", Audience.PUBLIC, 0);
    Eventually.until(
        "every follower has the vent",
        WAIT,
        () -> followers.stream().allMatch(u -> timelineSize(u) == 1));
    assertThat(f.vents.homeTimeline("250", 0, "").vents()).containsExactly(v);
    f.vents.delete("7", v.id());
    Eventually.until(
        "every follower's timeline is empty again",
        WAIT,
        () -> followers.stream().allMatch(u -> timelineSize(u) == 0));
  }

  @Test
  void userDeletedRemovesTheUsersVentsAndTimeline() throws Exception {
    f.relations.follow("8", "7");
    f.vents.create("7", "one", Audience.PUBLIC, 0);
    f.vents.create("7", "two", Audience.FOLLOWERS, 3600);
    Eventually.until("fanned out", WAIT, () -> timelineSize("8") == 2);
    String shard = EventStreams.shardFor(EventStreams.USER, "7", PostFixture.SHARDS);
    Event deleted =
        Event.newBuilder()
            .setUserDeleted(UserDeleted.newBuilder().setUserId("7").setUsername("seven"))
            .build();
    REDIS
        .client()
        .<String, String>getStream(shard, StringCodec.INSTANCE)
        .add(
            StreamAddArgs.entries(
                Map.of(
                    EventStreams.TYPE_FIELD,
                    EventJson.typeOf(deleted),
                    EventStreams.EVENT_FIELD,
                    EventJson.encode(deleted))));
    Eventually.until(
        "the user's keys are gone",
        WAIT,
        () ->
            REDIS.client().getKeys().getKeysByPattern("vent:post:{7}*").iterator().hasNext()
                == false);
    assertThat(REDIS.client().getKeys().getKeysByPattern("vent:timeline:{7}*")).isEmpty();
    assertThat(f.vents.homeTimeline("8", 0, "").vents()).as("reads skip the gone vents").isEmpty();
    assertThat(timelineSize("8")).as("and forget them").isZero();
  }
}
