package vent.provider.post.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MentionsTest {

  @Test
  void findsMentionsOnWordBoundariesLowerCasedDistinctInOrder() {
    assertThat(Mentions.usernames("@Alice hi @bob, and @alice again (@carol_1)! end@dave"))
        .containsExactly("alice", "bob", "carol_1");
  }

  @Test
  void ignoresEmailAddressesDoubleAtsAndOverlongNames() {
    assertThat(Mentions.usernames("mail me at x@example.com @@bob @" + "a".repeat(31))).isEmpty();
    assertThat(Mentions.usernames("@" + "a".repeat(30))).containsExactly("a".repeat(30));
  }

  @Test
  void keepsAtMostTenDistinctUsers() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 15; i++) {
      text.append("@u").append(i).append(' ').append("@u0 ");
    }
    assertThat(Mentions.usernames(text.toString()))
        .hasSize(Mentions.MAX)
        .startsWith("u0", "u1")
        .endsWith("u9");
  }

  @Test
  void aMentionMayEndAtPunctuationOrTheEnd() {
    assertThat(Mentions.usernames("hey @bob. @carol\n@dave"))
        .containsExactly("bob", "carol", "dave");
  }
}
