package vent.provider.relation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import vent.common.error.VentException;

class PageCursorTest {

  @Test
  void roundTrips() {
    PageCursor cursor = new PageCursor(1_767_225_600_123L, "9876543210");
    String encoded = cursor.encode();
    assertThat(encoded).matches("[A-Za-z0-9_-]+");
    assertThat(PageCursor.decode(encoded)).isEqualTo(cursor);
  }

  @Test
  void pointsAfterAnItem() {
    assertThat(PageCursor.after(new FollowItem("7", 5L))).isEqualTo(new PageCursor(5L, "7"));
  }

  @Test
  void rejectsWhatThisServiceDidNotIssue() {
    for (String bad :
        new String[] {
          "not base64!",
          "====",
          b64("hello"),
          b64("12:"),
          b64(":12"),
          b64("12:0"),
          b64("-5:12"),
          b64("12:ab"),
          b64("01:12"),
          b64("12:12:12"),
          b64("12345678901234567:1"),
          "x".repeat(65)
        }) {
      assertThatThrownBy(() -> PageCursor.decode(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              VentException.class, e -> assertThat(e.reason()).isEqualTo("INVALID_CURSOR"));
    }
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.US_ASCII));
  }
}
