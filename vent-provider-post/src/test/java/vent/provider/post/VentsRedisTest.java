package vent.provider.post;

import static org.assertj.core.api.Assertions.assertThat;
import static vent.provider.post.Failures.assertReason;

import dev.vent.events.v1.Event;
import dev.vent.events.v1.VentDeleted;
import dev.vent.events.v1.VentPosted;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;
import vent.common.events.EventJson;
import vent.common.events.EventStreams;
import vent.common.testing.RedisExtension;
import vent.provider.post.domain.Audience;
import vent.provider.post.domain.Mention;
import vent.provider.post.domain.TimelineSettings;
import vent.provider.post.domain.Vent;
import vent.provider.post.domain.VentPage;

/** The use cases of PostService against a real Redis (a cluster with -Dvent.test.redis=cluster). */
class VentsRedisTest {

  @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

  private PostFixture f;

  @BeforeEach
  void setUp() {
    f = new PostFixture(REDIS.client(), TimelineSettings.fixed(800, 2));
  }

  @Test
  void aNewVentIsReadableAtOnceInItsAuthorsListAndOwnTimelineAndPublishesVentPosted() {
    Vent v = f.vents.create("7", "caf\u0065\u0301 time", Audience.PUBLIC, 0);
    assertThat(v.id()).startsWith("7-");
    assertThat(v.text()).isEqualTo("caf\u00e9 time");
    assertThat(f.vents.get(v.id(), "")).isEqualTo(v);
    assertThat(f.vents.listByAuthor("7", "9", 0, "").vents()).containsExactly(v);
    assertThat(f.vents.homeTimeline("7", 0, "").vents()).containsExactly(v);
    assertThat(events("7"))
        .containsExactly(
            Event.newBuilder()
                .setVentPosted(
                    VentPosted.newBuilder()
                        .setVentId(v.id())
                        .setAuthorId("7")
                        .setAudience("public")
                        .setCreatedAtMs(v.createdAtMs()))
                .build());
  }

  @Test
  void aFollowersOnlyVentReachesFollowersOnly() {
    f.relations.follow("8", "7");
    Vent v = f.vents.create("7", "for my followers", Audience.FOLLOWERS, 0);
    assertThat(f.vents.get(v.id(), "8")).isEqualTo(v);
    assertReason("VENT_NOT_FOUND", () -> f.vents.get(v.id(), "9"));
    assertReason("VENT_NOT_FOUND", () -> f.vents.get(v.id(), ""));
    f.relations.follow("7", "9");
    assertReason("VENT_NOT_FOUND", () -> f.vents.get(v.id(), "9"));
    assertThat(f.vents.listByAuthor("7", "9", 0, "").vents()).isEmpty();
    assertThat(f.vents.listByAuthor("7", "8", 0, "").vents()).containsExactly(v);
  }

  @Test
  void aMutualsVentReachesMutualFollowsOnly() {
    f.relations.follow("8", "7").follow("7", "8").follow("9", "7");
    Vent v = f.vents.create("7", "mutuals", Audience.MUTUALS, 0);
    assertThat(f.vents.get(v.id(), "8")).isEqualTo(v);
    assertReason("VENT_NOT_FOUND", () -> f.vents.get(v.id(), "9"));
  }

  @Test
  void blocksHideVentsBothWays() {
    Vent v = f.vents.create("7", "public", Audience.PUBLIC, 0);
    f.relations.block("7", "8").block("9", "7");
    assertReason("VENT_NOT_FOUND", () -> f.vents.get(v.id(), "8"));
    assertReason("VENT_NOT_FOUND", () -> f.vents.get(v.id(), "9"));
    assertThat(f.vents.get(v.id(), "10")).isEqualTo(v);
  }

  @Test
  void anExpiringVentDisappearsAtItsExpiryAndItsHashExpiresInRedis() {
    Vent v = f.vents.create("7", "soon gone", Audience.PUBLIC, 3600);
    assertThat(v.expiresAtMs()).isEqualTo(v.createdAtMs() + 3_600_000L);
    String key = "vent:post:{7}:vent:" + v.id();
    assertThat(REDIS.client().getBucket(key).getExpireTime()).isEqualTo(v.expiresAtMs());
    assertThat(f.vents.get(v.id(), "")).isEqualTo(v);
    f.clock.advance(3_600_000L);
    assertReason("VENT_NOT_FOUND", () -> f.vents.get(v.id(), ""));
    assertThat(f.vents.listByAuthor("7", "7", 0, "").vents()).isEmpty();
    assertThat(f.vents.homeTimeline("7", 0, "").vents()).isEmpty();
  }

  @Test
  void onlyTheAuthorDeletesAndDeletionPublishesVentDeleted() {
    Vent v = f.vents.create("7", "regret", Audience.PUBLIC, 0);
    assertReason("VENT_NOT_FOUND", () -> f.vents.delete("8", v.id()));
    f.clock.advance(5);
    f.vents.delete("7", v.id());
    assertReason("VENT_NOT_FOUND", () -> f.vents.get(v.id(), "7"));
    assertReason("VENT_NOT_FOUND", () -> f.vents.delete("7", v.id()));
    assertThat(f.vents.homeTimeline("7", 0, "").vents()).isEmpty();
    assertThat(REDIS.client().getScoredSortedSet("vent:post:{7}:vents").size()).isZero();
    assertThat(events("7"))
        .last()
        .isEqualTo(
            Event.newBuilder()
                .setVentDeleted(
                    VentDeleted.newBuilder()
                        .setVentId(v.id())
                        .setAuthorId("7")
                        .setDeletedAtMs(f.clock.millis()))
                .build());
  }

  @Test
  void mentionsKeepOnlyExistingOtherUsersWhoMaySeeTheVent() {
    f.relations.user("7", "me").user("8", "fan").user("9", "stranger").user("10", "blocked");
    f.relations.follow("8", "7").follow("10", "7").block("7", "10");
    Vent v = f.vents.create("7", "@Fan @stranger @nobody @me @blocked @fan", Audience.FOLLOWERS, 0);
    assertThat(v.mentions()).containsExactly(new Mention("8", "fan"));
    assertThat(f.vents.get(v.id(), "8").mentions()).containsExactly(new Mention("8", "fan"));
    assertThat(events("7").get(0).getVentPosted().getMentionedUserIdsList()).containsExactly("8");
    Vent open = f.vents.create("7", "@stranger @fan", Audience.PUBLIC, 0);
    assertThat(open.mentions())
        .containsExactly(new Mention("9", "stranger"), new Mention("8", "fan"));
  }

  @Test
  void badInputIsRefusedWithItsReason() {
    assertReason("INVALID_USER_ID", () -> f.vents.create("x", "hi", Audience.PUBLIC, 0));
    assertReason("INVALID_TEXT", () -> f.vents.create("7", " ", Audience.PUBLIC, 0));
    assertReason("INVALID_AUDIENCE", () -> f.vents.create("7", "hi", null, 0));
    assertReason("INVALID_EXPIRY", () -> f.vents.create("7", "hi", Audience.PUBLIC, 60));
    assertReason("INVALID_VENT_ID", () -> f.vents.get("nope", ""));
    assertReason("INVALID_USER_ID", () -> f.vents.get("7-1", "x"));
    assertReason("INVALID_LIMIT", () -> f.vents.listByAuthor("7", "", 101, ""));
    assertReason("INVALID_CURSOR", () -> f.vents.homeTimeline("7", 0, "bm9wZQ"));
    assertThat(REDIS.client().getKeys().count()).isZero();
  }

  @Test
  void pagesWalkAnAuthorsVentsNewestFirstWithoutGapsOrRepeatsAndSkipHiddenOnes() {
    f.relations.follow("8", "7");
    List<Vent> visibleTo9 = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      f.clock.advance(i % 3 == 0 ? 0 : 1); // some share a millisecond
      Audience a = i % 4 == 0 ? Audience.FOLLOWERS : Audience.PUBLIC;
      Vent v = f.vents.create("7", "vent " + i, a, 0);
      if (a == Audience.PUBLIC) {
        visibleTo9.add(0, v);
      }
    }
    List<Vent> seen = new ArrayList<>();
    String cursor = "";
    int pages = 0;
    do {
      VentPage page = f.vents.listByAuthor("7", "9", 4, cursor);
      seen.addAll(page.vents());
      cursor = page.nextCursor() == null ? "" : page.nextCursor().encode();
      pages++;
    } while (!cursor.isEmpty());
    assertThat(seen).containsExactlyElementsOf(visibleTo9);
    assertThat(pages).isEqualTo(5);
    assertThat(f.vents.listByAuthor("7", "8", 100, "").vents()).hasSize(23);
  }

  @Test
  void ventsOfOneMillisecondPageByIdWithoutGaps() {
    List<Vent> all = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      all.add(f.vents.create("7", "same ms " + i, Audience.PUBLIC, 0));
    }
    all.sort((a, b) -> b.id().compareTo(a.id()));
    List<Vent> seen = new ArrayList<>();
    String cursor = "";
    do {
      VentPage page = f.vents.listByAuthor("7", "", 3, cursor);
      seen.addAll(page.vents());
      cursor = page.nextCursor() == null ? "" : page.nextCursor().encode();
    } while (!cursor.isEmpty());
    assertThat(seen).containsExactlyElementsOf(all);
  }

  @Test
  void aHomeTimelineMergesFannedOutVentsAndBigAuthorsAndDropsMutedAndUnfollowedOnes() {
    // Threshold 2: author 7 (one follower) is fanned out; author 5 (three followers) is big.
    f.relations.follow("1", "7").follow("1", "5").follow("2", "5").follow("3", "5");
    f.relations.follow("1", "6");
    Vent small = f.vents.create("7", "small", Audience.PUBLIC, 0);
    assertThat(f.fanOut.posted("7", small.id(), small.createdAtMs())).isEqualTo(1);
    f.clock.advance(1);
    Vent big = f.vents.create("5", "big", Audience.FOLLOWERS, 0);
    assertThat(f.fanOut.posted("5", big.id(), big.createdAtMs())).isZero();
    f.clock.advance(1);
    Vent own = f.vents.create("1", "mine", Audience.MUTUALS, 0);
    f.clock.advance(1);
    Vent muted = f.vents.create("6", "muted", Audience.PUBLIC, 0);
    f.fanOut.posted("6", muted.id(), muted.createdAtMs());
    f.relations.mute("1", "6");
    assertThat(f.repository.bigAuthors()).containsExactly("5");
    assertThat(f.vents.homeTimeline("1", 0, "").vents()).containsExactly(own, big, small);
    f.relations.unfollow("1", "7");
    assertThat(f.vents.homeTimeline("1", 0, "").vents()).containsExactly(own, big);
    assertThat(f.vents.homeTimeline("4", 0, "").vents()).isEmpty();
  }

  @Test
  void fanOutIsIdempotentTrimsToTheCapacityAndDeletionCleansTimelines() {
    PostFixture small = new PostFixture(REDIS.client(), TimelineSettings.fixed(3, 1000));
    small.relations.follow("1", "7");
    List<Vent> posted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      small.clock.advance(1);
      Vent v = small.vents.create("7", "v" + i, Audience.PUBLIC, 0);
      small.fanOut.posted("7", v.id(), v.createdAtMs());
      small.fanOut.posted("7", v.id(), v.createdAtMs());
      posted.add(0, v);
    }
    assertThat(REDIS.client().getScoredSortedSet("vent:timeline:{1}:home").size()).isEqualTo(3);
    assertThat(small.vents.homeTimeline("1", 0, "").vents())
        .containsExactlyElementsOf(posted.subList(0, 3));
    small.vents.delete("7", posted.get(0).id());
    assertThat(small.fanOut.deleted("7", posted.get(0).id())).isEqualTo(1);
    assertThat(REDIS.client().getScoredSortedSet("vent:timeline:{1}:home").size()).isEqualTo(2);
  }

  @Test
  void goneVentsAreForgottenFromTheListsTheyWereReadFrom() {
    f.relations.follow("1", "7");
    Vent v = f.vents.create("7", "x", Audience.PUBLIC, 3600);
    f.fanOut.posted("7", v.id(), v.createdAtMs());
    REDIS.client().getKeys().delete("vent:post:{7}:vent:" + v.id());
    assertThat(f.vents.homeTimeline("1", 0, "").vents()).isEmpty();
    assertThat(f.vents.listByAuthor("7", "", 0, "").vents()).isEmpty();
    assertThat(REDIS.client().getScoredSortedSet("vent:timeline:{1}:home").size()).isZero();
    assertThat(REDIS.client().getScoredSortedSet("vent:post:{7}:vents").size()).isZero();
  }

  @Test
  void removingAUserDropsAllTheirVentsListsAndTimeline() {
    f.relations.follow("7", "8").follow("1", "7").follow("2", "7").follow("3", "7");
    for (int i = 0; i < 450; i++) {
      f.clock.advance(1);
      f.vents.create("7", "v" + i, Audience.PUBLIC, 0);
    }
    Vent other = f.vents.create("8", "other", Audience.PUBLIC, 0);
    f.fanOut.posted("8", other.id(), other.createdAtMs());
    f.repository.addBigAuthor("7");
    f.vents.removeUser("7");
    assertThat(REDIS.client().getKeys().getKeysByPattern("vent:post:{7}*")).isEmpty();
    assertThat(REDIS.client().getKeys().getKeysByPattern("vent:timeline:{7}*")).isEmpty();
    assertThat(f.repository.bigAuthors()).isEmpty();
    assertThat(f.vents.get(other.id(), "")).isEqualTo(other);
    f.vents.removeUser("7");
  }

  /** The events of {@code author}'s shard, oldest first. */
  private List<Event> events(String author) {
    String shard = EventStreams.shardFor(EventStreams.POST, author, PostFixture.SHARDS);
    List<Event> out = new ArrayList<>();
    REDIS
        .client()
        .<String, String>getStream(shard, StringCodec.INSTANCE)
        .range(StreamMessageId.MIN, StreamMessageId.MAX)
        .forEach((id, fields) -> out.add(EventJson.decode(id.toString(), fields).event()));
    return out;
  }
}
