package vent.common.dubbo;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.csp.sentinel.slots.block.degrade.DegradeException;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRule;
import dev.vent.api.ReasonedStatus;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.TriRpcStatus;
import org.junit.jupiter.api.Test;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

class RpcErrorsTest {

  @Test
  void aProviderRateLimitIsTheDependencyBeingUnavailable() {
    var rejected =
        new RpcException(
            new ReasonedRpcException(
                TriRpcStatus.Code.RESOURCE_EXHAUSTED,
                new ReasonedStatus("RATE_LIMITED", "dev.vent.user.v1.UserService")));
    assertThat(RpcErrors.toVentException(rejected))
        .isInstanceOfSatisfying(
            VentException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
              assertThat(e.reason()).isEqualTo("DEPENDENCY_UNAVAILABLE");
              assertThat(e.detail()).isEqualTo("provider rate limit: dev.vent.user.v1.UserService");
            });
  }

  @Test
  void aLocalSentinelBlockIsTheDependencyBeingUnavailable() {
    var blocked =
        new RpcException(
            new RuntimeException(
                new DegradeException("default", new DegradeRule("dev.vent.user.v1.UserService"))));
    assertThat(RpcErrors.toVentException(blocked))
        .isInstanceOfSatisfying(
            VentException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
              assertThat(e.reason()).isEqualTo("DEPENDENCY_UNAVAILABLE");
              assertThat(e.detail()).isEqualTo("circuit open: dev.vent.user.v1.UserService");
            });
  }

  @Test
  void otherResourceExhaustedReasonsKeepTheirMeaning() {
    var limited =
        new RpcException(
            new ReasonedRpcException(
                TriRpcStatus.Code.RESOURCE_EXHAUSTED,
                new ReasonedStatus("TOO_MANY_ATTEMPTS", "wait")));
    assertThat(RpcErrors.toVentException(limited))
        .isInstanceOfSatisfying(
            VentException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.RESOURCE_EXHAUSTED);
              assertThat(e.reason()).isEqualTo("TOO_MANY_ATTEMPTS");
            });
  }

  @Test
  void aCallLostWithItsProviderIsRetriedElsewhereAndOtherwiseTheDependencyBeingUnavailable() {
    var cancelled = TriRpcStatus.CANCELLED.withDescription("stream closed").asException();
    assertThat(LostCallFilter.retryCode(cancelled)).isEqualTo(RpcException.NETWORK_EXCEPTION);
    assertThat(LostCallFilter.retryCode(new RpcException(TriRpcStatus.UNAVAILABLE.asException())))
        .isEqualTo(RpcException.NETWORK_EXCEPTION);
    assertThat(LostCallFilter.retryCode(TriRpcStatus.DEADLINE_EXCEEDED.asException()))
        .isEqualTo(RpcException.TIMEOUT_EXCEPTION);
    assertThat(
            LostCallFilter.retryCode(
                TriRpcStatus.fromCode(TriRpcStatus.Code.INVALID_ARGUMENT).asException()))
        .isZero();
    assertThat(LostCallFilter.retryCode(new IllegalStateException("not an RPC status"))).isZero();
    assertThat(
            LostCallFilter.retryCode(
                TriRpcStatus.UNAVAILABLE
                    .withDescription("DEPENDENCY_UNAVAILABLE: redis")
                    .asException()))
        .as("a provider that reports its own dependency down")
        .isZero();
    assertThat(RpcErrors.toVentException(new RpcException(cancelled)))
        .isInstanceOfSatisfying(
            VentException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
              assertThat(e.reason()).isEqualTo("DEPENDENCY_UNAVAILABLE");
            });
  }

  @Test
  void anUnreasonedInternalErrorOfAProviderIsTheDependencyFailing() {
    var internal =
        new RpcException(TriRpcStatus.INTERNAL.withDescription("stream reset").asException());
    assertThat(RpcErrors.toVentException(internal))
        .isInstanceOfSatisfying(
            VentException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
              assertThat(e.detail()).isEqualTo("provider failed: INTERNAL");
            });
  }
}
