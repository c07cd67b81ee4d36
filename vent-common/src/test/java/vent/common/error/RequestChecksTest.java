package vent.common.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vent.captcha.v1.CaptchaService;
import dev.vent.captcha.v1.VerifyCaptchaRequest;
import dev.vent.captcha.v1.VerifyCaptchaResponse;
import dev.vent.user.v1.CreateUserRequest;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RequestChecksTest {

  private final AtomicInteger calls = new AtomicInteger();

  private CaptchaService provider(RuntimeException failure) {
    return (CaptchaService)
        Proxy.newProxyInstance(
            CaptchaService.class.getClassLoader(),
            new Class<?>[] {CaptchaService.class},
            (self, method, args) -> {
              calls.incrementAndGet();
              if (failure != null) {
                throw failure;
              }
              return VerifyCaptchaResponse.newBuilder().setValid(true).build();
            });
  }

  @Test
  void aBrokenRuleFailsWithItsReason() {
    assertThatThrownBy(
            () -> RequestChecks.require(CreateUserRequest.newBuilder().setUsername("ab").build()))
        .isInstanceOfSatisfying(
            VentException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
              assertThat(e.reason()).isEqualTo("INVALID_USERNAME");
              assertThat(e.detail())
                  .isEqualTo("username must be 3-30 characters of a-z, 0-9 and _");
            });
  }

  @Test
  void aCheckedStubRefusesBeforeCalling() {
    CaptchaService checked = RequestChecks.checking(CaptchaService.class, provider(null));
    assertThatThrownBy(
            () -> checked.verifyCaptcha(VerifyCaptchaRequest.newBuilder().setId("c1").build()))
        .isInstanceOfSatisfying(
            VentException.class, e -> assertThat(e.reason()).isEqualTo("MISSING_FIELD"));
    assertThat(calls).hasValue(0);
    assertThat(
            checked
                .verifyCaptcha(VerifyCaptchaRequest.newBuilder().setId("c1").setAnswer("a").build())
                .getValid())
        .isTrue();
    assertThat(calls).hasValue(1);
  }

  @Test
  void theProvidersFailurePassesUnwrapped() {
    IllegalStateException down = new IllegalStateException("down");
    CaptchaService checked = RequestChecks.checking(CaptchaService.class, provider(down));
    assertThatThrownBy(
            () ->
                checked.verifyCaptcha(
                    VerifyCaptchaRequest.newBuilder().setId("c1").setAnswer("a").build()))
        .isSameAs(down);
  }
}
