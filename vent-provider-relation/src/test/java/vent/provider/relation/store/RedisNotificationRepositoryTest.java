package vent.provider.relation.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vent.common.testing.RedisExtension;
import vent.provider.relation.domain.FollowNotice;
import vent.provider.relation.domain.NotificationItem;
import vent.provider.relation.domain.PageCursor;

class RedisNotificationRepositoryTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private static RedisNotificationRepository inbox;
  private static RedisRelationRepository graph;

  @BeforeAll
  static void setUp() {
    inbox = new RedisNotificationRepository(REDIS.client());
    graph = new RedisRelationRepository(REDIS.client(), 1000);
  }

  @Test
  void oneEntryPerActorNewestFirstAndDuplicatesChangeNothing() {
    assertThat(inbox.recordFollowed("1", "2", 100L)).isTrue();
    assertThat(inbox.recordFollowed("1", "3", 200L)).isTrue();
    assertThat(inbox.recordFollowed("1", "2", 100L)).as("redelivery").isFalse();
    assertThat(inbox.recordFollowed("1", "2", 50L)).as("older event").isFalse();
    assertThat(inbox.page("1", null, 10)).containsExactly(
        new NotificationItem("3", 200L, false), new NotificationItem("2", 100L, false));
    assertThat(inbox.recordFollowed("1", "2", 300L)).as("followed again").isTrue();
    assertThat(inbox.page("1", null, 10)).extracting(NotificationItem::actorId).containsExactly("2", "3");
  }

  @Test
  void pagesWithTheCursorOfTheLastEntry() {
    for (int i = 10; i < 25; i++) {
      inbox.recordFollowed("1", Integer.toString(i), 1000L + (i % 3));
    }
    var first = inbox.page("1", null, 10);
    NotificationItem last = first.get(9);
    var second = inbox.page("1", new PageCursor(last.atMs(), last.actorId()), 10);
    assertThat(first.size() + second.size()).isEqualTo(15);
    assertThat(second).doesNotContainAnyElementsOf(first);
  }

  @Test
  void unreadCountsEntriesAfterTheLastMarkRead() {
    inbox.recordFollowed("1", "2", 100L);
    inbox.recordFollowed("1", "3", 200L);
    assertThat(inbox.unreadCount("1")).isEqualTo(2);
    assertThat(inbox.markRead("1")).isEqualTo(2);
    assertThat(inbox.markRead("1")).isZero();
    assertThat(inbox.unreadCount("1")).isZero();
    inbox.recordFollowed("1", "4", 300L);
    assertThat(inbox.unreadCount("1")).isEqualTo(1);
    assertThat(inbox.page("1", null, 10)).extracting(NotificationItem::read).containsExactly(false, true, true);
  }

  @Test
  void keepsTheNewestThousand() {
    for (int i = 1; i <= RedisNotificationRepository.INBOX_SIZE + 5; i++) {
      inbox.recordFollowed("1", Integer.toString(i + 1), i);
    }
    assertThat(REDIS.client().getScoredSortedSet("vent:notification:{1}:inbox").size())
        .isEqualTo(RedisNotificationRepository.INBOX_SIZE);
    assertThat(inbox.page("1", null, 1)).extracting(NotificationItem::atMs).containsExactly((long) RedisNotificationRepository.INBOX_SIZE + 5);
  }

  @Test
  void aBatchIsRecordedInOneCallWithDuplicatesAndDeletedUsersSkipped() {
    graph.removeUser("9");
    int changed = inbox.recordFollowed(List.of(new FollowNotice("2", "1", 100L), new FollowNotice("3", "1", 200L),
        new FollowNotice("2", "1", 100L), new FollowNotice("9", "1", 300L), new FollowNotice("2", "9", 300L),
        new FollowNotice("1", "4", 50L)));
    assertThat(changed).isEqualTo(3);
    assertThat(inbox.page("1", null, 10)).extracting(NotificationItem::actorId).containsExactly("3", "2");
    assertThat(inbox.page("4", null, 10)).extracting(NotificationItem::actorId).containsExactly("1");
    assertThat(inbox.page("9", null, 10)).isEmpty();
  }

  @Test
  void nothingIsRecordedForADeletedOwnerOrActor() {
    graph.removeUser("9");
    assertThat(inbox.recordFollowed("9", "2", 1L)).isFalse();
    assertThat(inbox.recordFollowed("2", "9", 1L)).isFalse();
    assertThat(inbox.page("2", null, 10)).isEmpty();
  }
}
