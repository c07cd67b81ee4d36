package vent.provider.relation.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.codec.StringCodec;
import vent.common.testing.RedisExtension;
import vent.provider.relation.domain.Direction;
import vent.provider.relation.domain.FollowItem;
import vent.provider.relation.domain.NotificationItem;
import vent.provider.relation.domain.RelationRepository;

/**
 * The migration on a data set written in the old layout (both sides of each edge written by one
 * script, events on the unsharded stream with its {@code notifications} group part-way through).
 */
class LayoutMigrationTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private RedissonClient redis;

  @BeforeEach
  void setUp() {
    redis = REDIS.client();
  }

  /** What the old follow script left: both ZSETs with one score, and a Followed on the stream. */
  private void oldFollow(String follower, String followee, long at) {
    redis
        .getScoredSortedSet(RelationKeys.following(follower), StringCodec.INSTANCE)
        .add(at, followee);
    redis
        .getScoredSortedSet(RelationKeys.followers(followee), StringCodec.INSTANCE)
        .add(at, follower);
    redis
        .<String, String>getStream(LayoutMigration.OLD_STREAM, StringCodec.INSTANCE)
        .add(
            StreamAddArgs.entries(
                Map.of(
                    "type",
                    "Followed",
                    "event",
                    "{\"followed\":{\"followerId\":\""
                        + follower
                        + "\",\"followeeId\":\""
                        + followee
                        + "\",\"followedAtMs\":\""
                        + at
                        + "\"}}")));
  }

  @Test
  void setsClocksAndHandsTheUnhandledEventsToTheShardsIdempotently() {
    // The old stream lives on one node: this data set is a single server's (or one slot's).
    oldFollow("1", "2", 5000L);
    oldFollow("3", "2", 6000L);
    RStream<String, String> old = redis.getStream(LayoutMigration.OLD_STREAM, StringCodec.INSTANCE);
    old.createGroup(
        StreamCreateGroupArgs.name(LayoutMigration.OLD_GROUP).id(new StreamMessageId(0, 0)));
    // The notifications group handled the first follow's inbox entry (read and acknowledged).
    Map<StreamMessageId, Map<String, String>> first =
        old.readGroup(
            LayoutMigration.OLD_GROUP, "c", StreamReadGroupArgs.neverDelivered().count(1));
    old.ack(LayoutMigration.OLD_GROUP, first.keySet().toArray(StreamMessageId[]::new));
    redis
        .getScoredSortedSet(NotificationKeys.inbox("2"), StringCodec.INSTANCE)
        .add(5000L, "followed:1");
    oldFollow("1", "4", 7000L);

    LayoutMigration.Result result = new LayoutMigration(redis, HandOffDriver.SHARDS).run();
    assertThat(result).isEqualTo(new LayoutMigration.Result(2, 2));
    assertThat(redis.getBucket(RelationKeys.clock("1"), StringCodec.INSTANCE).get())
        .isEqualTo("7000");
    assertThat(redis.getKeys().countExists(LayoutMigration.OLD_STREAM)).isZero();
    assertThat(new LayoutMigration(redis, HandOffDriver.SHARDS).run())
        .as("a second run finds nothing to do")
        .isEqualTo(new LayoutMigration.Result(0, 0));

    HandOffDriver driver = new HandOffDriver(redis, () -> 0L);
    RelationRepository repo = driver.settling(HandOffDriver.repository(redis, 1000));
    driver.settle();
    RedisNotificationRepository inbox = new RedisNotificationRepository(redis);
    assertThat(inbox.page("2", null, 10))
        .extracting(NotificationItem::actorId)
        .containsExactly("3", "1");
    assertThat(inbox.page("4", null, 10))
        .extracting(NotificationItem::actorId)
        .containsExactly("1");
    assertThat(repo.page(Direction.FOLLOWERS, "2", null, 10))
        .containsExactly(new FollowItem("3", 6000L), new FollowItem("1", 5000L));

    // New writes continue the old data: 1's next follow lists after its old ones.
    repo.follow("1", "5", 100L);
    assertThat(repo.page(Direction.FOLLOWING, "1", null, 1))
        .containsExactly(new FollowItem("5", 7001L));
    repo.unfollow("1", "2", 100L);
    assertThat(repo.page(Direction.FOLLOWERS, "2", null, 10))
        .containsExactly(new FollowItem("3", 6000L));
    assertThat(repo.counts(List.of("2")).get(0).followers()).isEqualTo(1L);
  }
}
