package vent.provider.relation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vent.common.error.VentException;

class PageLimitTest {

  @Test
  void zeroMeansTwenty() {
    assertThat(PageLimit.resolve(0)).isEqualTo(20);
  }

  @Test
  void oneToHundredAsGiven() {
    assertThat(PageLimit.resolve(1)).isEqualTo(1);
    assertThat(PageLimit.resolve(100)).isEqualTo(100);
  }

  @Test
  void negativeOrAboveHundredIsInvalid() {
    for (int bad : new int[] {-1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      assertThatThrownBy(() -> PageLimit.resolve(bad))
          .isInstanceOfSatisfying(VentException.class, e -> assertThat(e.reason()).isEqualTo("INVALID_LIMIT"));
    }
  }
}
