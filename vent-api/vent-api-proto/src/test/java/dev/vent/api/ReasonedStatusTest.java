package dev.vent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReasonedStatusTest {

  @Test
  void roundTripsThroughADescription() {
    ReasonedStatus status = new ReasonedStatus("USERNAME_TAKEN", "username 'alice' is taken");
    assertThat(status.toDescription()).isEqualTo("USERNAME_TAKEN: username 'alice' is taken");
    assertThat(ReasonedStatus.parse(status.toDescription())).contains(status);
  }

  @Test
  void keepsColonsInTheDetail() {
    assertThat(ReasonedStatus.parse("INVALID_CURSOR: bad: really"))
        .contains(new ReasonedStatus("INVALID_CURSOR", "bad: really"));
  }

  @Test
  void ignoresDescriptionsOfOtherShapes() {
    assertThat(ReasonedStatus.parse(null)).isEmpty();
    assertThat(ReasonedStatus.parse("Service not found")).isEmpty();
    assertThat(ReasonedStatus.parse("java.lang.IllegalStateException: boom")).isEmpty();
  }

  @Test
  void rejectsLowerCaseReasons() {
    assertThatThrownBy(() -> new ReasonedStatus("oops", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
