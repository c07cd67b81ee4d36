package vent.provider.post.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VisibilityTest {

  private static Vent vent(Audience audience) {
    return new Vent("7-abc", "7", "hi", audience, 1, 0, List.of());
  }

  private static Relationship rel(
      boolean following, boolean followedBy, boolean blocking, boolean blockedBy) {
    return new Relationship("7", following, followedBy, blocking, blockedBy, false);
  }

  @Test
  void publicIsForEveryoneButBlockedUsersEitherWay() {
    Vent v = vent(Audience.PUBLIC);
    assertThat(Visibility.admits(v, "", null)).isTrue();
    assertThat(Visibility.admits(v, "9", rel(false, false, false, false))).isTrue();
    assertThat(Visibility.admits(v, "9", rel(true, true, true, false))).isFalse();
    assertThat(Visibility.admits(v, "9", rel(true, true, false, true))).isFalse();
  }

  @Test
  void followersNeedsTheViewerToFollowTheAuthor() {
    Vent v = vent(Audience.FOLLOWERS);
    assertThat(Visibility.admits(v, "", null)).isFalse();
    assertThat(Visibility.admits(v, "9", rel(true, false, false, false))).isTrue();
    assertThat(Visibility.admits(v, "9", rel(false, true, false, false))).isFalse();
    assertThat(Visibility.admits(v, "9", rel(true, false, false, true))).isFalse();
  }

  @Test
  void mutualsNeedsFollowsBothWays() {
    Vent v = vent(Audience.MUTUALS);
    assertThat(Visibility.admits(v, "9", rel(true, true, false, false))).isTrue();
    assertThat(Visibility.admits(v, "9", rel(true, false, false, false))).isFalse();
    assertThat(Visibility.admits(v, "9", rel(false, true, false, false))).isFalse();
    assertThat(Visibility.admits(v, "", null)).isFalse();
  }

  @Test
  void theAuthorAlwaysSeesTheirOwnVents() {
    assertThat(Visibility.admits(vent(Audience.MUTUALS), "7", null)).isTrue();
  }
}
