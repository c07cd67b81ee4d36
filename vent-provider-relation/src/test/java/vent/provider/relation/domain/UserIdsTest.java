package vent.provider.relation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

class UserIdsTest {

  @Test
  void rejectsEverythingButUserIds() {
    for (String bad :
        new String[] {
          null, "", "0", "012", "-1", "+1", "1a", " 1", "1 ", "u42", "12345678901234567890", "１"
        }) {
      assertThatThrownBy(() -> UserIds.require(bad, "user_id"))
          .as("%s", bad)
          .isInstanceOf(VentException.class);
    }
    assertThat(UserIds.require("1234567890123456789", "user_id")).isEqualTo("1234567890123456789");
  }

  @Test
  void requireNamesTheField() {
    assertThatThrownBy(() -> UserIds.require("abc", "follower_id"))
        .isInstanceOfSatisfying(
            VentException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
              assertThat(e.reason()).isEqualTo("INVALID_USER_ID");
              assertThat(e.detail())
                  .isEqualTo(
                      "follower_id must be a decimal number of 1-19 digits without leading zeros");
            });
    assertThatThrownBy(() -> UserIds.require("", "user_id")).hasMessage("user_id is empty");
    assertThat(UserIds.require("42", "user_id")).isEqualTo("42");
  }

  @Test
  void numericOrderPutsShorterIdsFirst() {
    List<String> ids = new ArrayList<>(List.of("10", "9", "100", "11", "2"));
    ids.sort(UserIds::compareNumerically);
    assertThat(ids).containsExactly("2", "9", "10", "11", "100");
  }
}
