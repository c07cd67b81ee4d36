package vent.provider.relation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vent.common.error.VentException;

class PageLimitTest {

  private static final PageLimit LIMIT = PageLimit.fixed(PageLimit.MAX);

  @Test
  void zeroMeansTwenty() {
    assertThat(LIMIT.resolve(0)).isEqualTo(20);
  }

  @Test
  void oneToHundredAsGiven() {
    assertThat(LIMIT.resolve(1)).isEqualTo(1);
    assertThat(LIMIT.resolve(100)).isEqualTo(100);
  }

  @Test
  void negativeOrAboveHundredIsInvalid() {
    for (int bad : new int[] {-1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      assertThatThrownBy(() -> LIMIT.resolve(bad))
          .isInstanceOfSatisfying(
              VentException.class, e -> assertThat(e.reason()).isEqualTo("INVALID_LIMIT"));
    }
  }

  @Test
  void theLargestPageIsReadOnEachCall() {
    AtomicInteger max = new AtomicInteger(100);
    PageLimit limit = PageLimit.upTo(max::get);
    assertThat(limit.resolve(150 - 50)).isEqualTo(100);
    max.set(10);
    assertThatThrownBy(() -> limit.resolve(11))
        .isInstanceOf(VentException.class)
        .hasMessageContaining("to 10");
    assertThat(limit.resolve(0)).as("the default shrinks with the largest page").isEqualTo(10);
    max.set(300);
    assertThat(limit.resolve(300)).isEqualTo(300);
  }
}
