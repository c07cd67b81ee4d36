package vent.provider.post.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static vent.provider.post.Failures.assertReason;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FeedPositionTest {

  @Test
  void roundTripsAndStartsAtTheTopWhenEmpty() {
    FeedPosition p = new FeedPosition(1_796_000_000_123L, "42-3k9z");
    assertThat(FeedPosition.decodeCursor(p.encode())).isEqualTo(p);
    assertThat(FeedPosition.decodeCursor("")).isNull();
  }

  @Test
  void ordersNewestFirstThenByIdDescending() {
    FeedPosition newer = new FeedPosition(2, "1-a");
    FeedPosition older = new FeedPosition(1, "1-z");
    FeedPosition sameTimeLowerId = new FeedPosition(2, "1-0");
    assertThat(older.isAfter(newer)).isTrue();
    assertThat(sameTimeLowerId.isAfter(newer)).isTrue();
    assertThat(newer.isAfter(older)).isFalse();
  }

  @Test
  void refusesCursorsItDidNotIssue() {
    for (String bad :
        new String[] {
          "%%%",
          encode("12:not-a-vent-id"),
          encode("x:42-abc"),
          encode("-1:42-abc"),
          encode("12"),
          "A".repeat(200)
        }) {
      assertReason("INVALID_CURSOR", () -> FeedPosition.decodeCursor(bad));
    }
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }
}
