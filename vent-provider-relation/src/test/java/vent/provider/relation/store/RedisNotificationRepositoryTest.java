package vent.provider.relation.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vent.common.testing.RedisExtension;
import vent.provider.relation.domain.HandOff;
import vent.provider.relation.domain.InboxCursor;
import vent.provider.relation.domain.NotificationItem;

class RedisNotificationRepositoryTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private static RedisNotificationRepository inbox;
  private static RedisRelationRepository graph;

  @BeforeAll
  static void setUp() {
    inbox = new RedisNotificationRepository(REDIS.client());
    graph = HandOffDriver.repository(REDIS.client(), 1000);
  }

  /** The followee's side of a follow, which writes the inbox entry; true if it changed anything. */
  private static boolean followed(String ownerId, String actorId, long atMs) {
    return graph.applyHandOffs(
            List.of(new HandOff(HandOff.Kind.FOLLOWED, actorId, ownerId, atMs)), 0L)
        == 1;
  }

  @Test
  void oneEntryPerActorNewestFirstAndDuplicatesChangeNothing() {
    assertThat(followed("1", "2", 100L)).isTrue();
    assertThat(followed("1", "3", 200L)).isTrue();
    assertThat(followed("1", "2", 100L)).as("redelivery").isFalse();
    assertThat(followed("1", "2", 50L)).as("older event").isFalse();
    assertThat(inbox.page("1", null, 10))
        .containsExactly(
            new NotificationItem("3", 200L, false), new NotificationItem("2", 100L, false));
    assertThat(followed("1", "2", 300L)).as("followed again").isTrue();
    assertThat(inbox.page("1", null, 10))
        .extracting(NotificationItem::actorId)
        .containsExactly("2", "3");
  }

  @Test
  void pagesWithTheCursorOfTheLastEntry() {
    for (int i = 10; i < 25; i++) {
      followed("1", Integer.toString(i), 1000L + (i % 3));
    }
    var first = inbox.page("1", null, 10);
    NotificationItem last = first.get(9);
    var second = inbox.page("1", last.cursorAfter(), 10);
    assertThat(first.size() + second.size()).isEqualTo(15);
    assertThat(second).doesNotContainAnyElementsOf(first);
  }

  @Test
  void unreadCountsEntriesAfterTheLastMarkRead() {
    followed("1", "2", 100L);
    followed("1", "3", 200L);
    assertThat(inbox.unreadCount("1")).isEqualTo(2);
    assertThat(inbox.markRead("1")).isEqualTo(2);
    assertThat(inbox.markRead("1")).isZero();
    assertThat(inbox.unreadCount("1")).isZero();
    followed("1", "4", 300L);
    assertThat(inbox.unreadCount("1")).isEqualTo(1);
    assertThat(inbox.page("1", null, 10))
        .extracting(NotificationItem::read)
        .containsExactly(false, true, true);
  }

  @Test
  void keepsTheNewestThousand() {
    for (int i = 1; i <= RedisNotificationRepository.INBOX_SIZE + 5; i++) {
      followed("1", Integer.toString(i + 1), i);
    }
    assertThat(REDIS.client().getScoredSortedSet("vent:notification:{1}:inbox").size())
        .isEqualTo(RedisNotificationRepository.INBOX_SIZE);
    assertThat(inbox.page("1", null, 1))
        .extracting(NotificationItem::atMs)
        .containsExactly((long) RedisNotificationRepository.INBOX_SIZE + 5);
  }

  @Test
  void nothingIsRecordedForADeletedOwner() {
    graph.removeUser("9", 1L);
    followed("9", "2", 5L);
    assertThat(inbox.page("9", null, 10)).isEmpty();
    assertThat(REDIS.client().getKeys().countExists("vent:notification:{9}:inbox")).isZero();
  }

  @Test
  void mentionsAreOneEntryPerVentAndPageWithFollows() {
    followed("1", "2", 100L);
    assertThat(inbox.addMentions("3", "3-a", 200L, List.of("1", "4"))).isEqualTo(2);
    assertThat(inbox.addMentions("3", "3-a", 200L, List.of("1"))).as("redelivery").isZero();
    assertThat(inbox.addMentions("3", "3-b", 200L, List.of("1"))).isEqualTo(1);
    assertThat(inbox.page("1", null, 10))
        .containsExactly(
            new NotificationItem(NotificationItem.Kind.MENTIONED, "3", "3-b", 200L, false),
            new NotificationItem(NotificationItem.Kind.MENTIONED, "3", "3-a", 200L, false),
            new NotificationItem("2", 100L, false));
    var first = inbox.page("1", null, 1);
    var rest = inbox.page("1", InboxCursor.decode(first.get(0).cursorAfter().encode()), 10);
    assertThat(rest)
        .extracting(NotificationItem::ventId)
        .as("the cursor of a mention names its vent")
        .containsExactly("3-a", "");
  }

  @Test
  void entriesOfBlockedBlockingAndMutedActorsAreHidden() {
    followed("1", "2", 100L);
    followed("1", "3", 110L);
    followed("1", "4", 120L);
    followed("1", "5", 130L);
    inbox.addMentions("2", "2-x", 140L, List.of("1"));
    graph.block("1", "2", 1000L);
    graph.applyHandOffs(List.of(new HandOff(HandOff.Kind.BLOCKED, "3", "1", 1000L)), 0L);
    graph.mute("1", "4", 1000L);
    assertThat(inbox.page("1", null, 1))
        .as("a page skips hidden entries and still fills up")
        .extracting(NotificationItem::actorId)
        .containsExactly("5");
    assertThat(inbox.page("1", null, 10))
        .extracting(NotificationItem::actorId)
        .containsExactly("5");
    assertThat(inbox.unreadCount("1")).isEqualTo(1);
    graph.unmute("1", "4");
    assertThat(inbox.page("1", null, 10))
        .extracting(NotificationItem::actorId)
        .containsExactly("5", "4");
  }

  @Test
  void noMentionForABlockedPairOrADeletedOwner() {
    graph.block("1", "2", 1000L);
    graph.removeUser("9", 1L);
    assertThat(inbox.addMentions("2", "2-x", 2000L, List.of("1", "9"))).isZero();
    assertThat(inbox.addMentions("1", "1-x", 2000L, List.of("2")))
        .as("2's side knows of the block once its hand-off applied")
        .isOne();
    graph.applyHandOffs(List.of(new HandOff(HandOff.Kind.BLOCKED, "1", "2", 1000L)), 0L);
    assertThat(inbox.addMentions("1", "1-y", 2000L, List.of("2"))).isZero();
    assertThat(inbox.page("2", null, 10)).as("hidden at read time").isEmpty();
  }
}
