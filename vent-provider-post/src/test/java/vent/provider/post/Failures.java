package vent.provider.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import vent.common.error.VentException;

/** Assertions on the failures of this service. */
public final class Failures {

  private Failures() {}

  /** {@code call} fails with a {@link VentException} of {@code reason}. */
  public static void assertReason(String reason, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(VentException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
