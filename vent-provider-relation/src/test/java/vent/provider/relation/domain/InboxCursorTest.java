package vent.provider.relation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vent.common.error.VentException;

class InboxCursorTest {

  @Test
  void roundTripsFollowAndMentionEntries() {
    InboxCursor follow = new InboxCursor(1_767_225_600_000L, "42");
    InboxCursor mention =
        new InboxCursor(9_999_999_999_999_999L, "9223372036854775807-zzzzzzzzzzzzz");
    assertThat(InboxCursor.decode(follow.encode())).isEqualTo(follow);
    assertThat(InboxCursor.decode(mention.encode())).isEqualTo(mention);
    assertThat(follow.mention()).isFalse();
    assertThat(mention.mention()).isTrue();
  }

  @Test
  void followCursorsOfTheFollowListsAreInboxCursorsToo() {
    assertThat(InboxCursor.decode(new PageCursor(5L, "42").encode()))
        .isEqualTo(new InboxCursor(5L, "42"));
  }

  @Test
  void rejectsAnythingElse() {
    for (String bad : new String[] {"!!", "MTIz", "NTpmb28", "x".repeat(69)}) {
      assertThatThrownBy(() -> InboxCursor.decode(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              VentException.class, e -> assertThat(e.reason()).isEqualTo("INVALID_CURSOR"));
    }
  }
}
