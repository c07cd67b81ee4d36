package vent.provider.relation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which mentions reach storage. */
class NotificationsMentionTest {

  private final List<List<String>> written = new ArrayList<>();

  private final NotificationRepository recording =
      new NotificationRepository() {
        @Override
        public List<NotificationItem> page(String ownerId, InboxCursor after, int max) {
          throw new AssertionError();
        }

        @Override
        public long unreadCount(String ownerId) {
          throw new AssertionError();
        }

        @Override
        public long markRead(String ownerId) {
          throw new AssertionError();
        }

        @Override
        public int addMentions(String authorId, String ventId, long atMs, List<String> ownerIds) {
          written.add(ownerIds);
          return ownerIds.size();
        }
      };

  private final Notifications notifications =
      new Notifications(recording, PageLimit.fixed(PageLimit.MAX));

  @Test
  void leavesOutTheAuthorDuplicatesAndMalformedIds() {
    assertThat(notifications.mentioned("7", "7-ab", 1L, List.of("8", "7", "x", "8", "9")))
        .isEqualTo(2);
    assertThat(written).containsExactly(List.of("8", "9"));
  }

  @Test
  void skipsAVentIdThatIsNotTheAuthors() {
    assertThat(notifications.mentioned("7", "8-ab", 1L, List.of("9"))).isZero();
    assertThat(notifications.mentioned("7", "7_ab", 1L, List.of("9"))).isZero();
    assertThat(notifications.mentioned("7", "7-ab", 1L, List.of("7"))).isZero();
    assertThat(written).isEmpty();
  }
}
