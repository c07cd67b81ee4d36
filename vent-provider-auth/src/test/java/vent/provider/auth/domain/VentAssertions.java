package vent.provider.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

final class VentAssertions {

  private VentAssertions() {}

  /** Asserts that {@code call} fails with a VentException of that kind and reason. */
  static VentException assertFails(ThrowingCallable call, ErrorKind kind, String reason) {
    Throwable t = catchThrowable(call);
    assertThat(t).isInstanceOf(VentException.class);
    VentException ve = (VentException) t;
    assertThat(ve.kind()).isEqualTo(kind);
    assertThat(ve.reason()).isEqualTo(reason);
    return ve;
  }
}
