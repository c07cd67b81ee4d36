package vent.common.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.csp.sentinel.slots.block.degrade.DegradeException;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRule;
import com.alibaba.csp.sentinel.slots.block.flow.FlowException;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowException;
import com.alibaba.csp.sentinel.slots.system.SystemBlockException;
import dev.vent.api.ReasonedStatus;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.TriRpcStatus;
import org.junit.jupiter.api.Test;
import vent.common.dubbo.ReasonedRpcException;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

class SentinelBlocksTest {

  @Test
  void describesEachKindOfBlockWithItsResource() {
    assertThat(
            SentinelBlocks.describe(
                new DegradeException("default", new DegradeRule("dev.vent.user.v1.UserService")),
                "x"))
        .isEqualTo("circuit open: dev.vent.user.v1.UserService");
    assertThat(
            SentinelBlocks.describe(
                new FlowException("default", new FlowRule("GET /users/{id}")), "x"))
        .isEqualTo("rate limit: GET /users/{id}");
    assertThat(SentinelBlocks.describe(new ParamFlowException("client-ip", "1.2.3.4"), "x"))
        .isEqualTo("rate limit: client-ip");
    assertThat(SentinelBlocks.describe(new SystemBlockException("GET /users/{id}", "qps"), "x"))
        .isEqualTo("system overload: GET /users/{id}");
    assertThat(SentinelBlocks.describe(new FlowException("default"), "fallback"))
        .isEqualTo("rate limit: fallback");
  }

  @Test
  void findsABlockDeepInACauseChain() {
    DegradeException block = new DegradeException("default", new DegradeRule("r"));
    assertThat(SentinelBlocks.find(new RpcException(new RuntimeException(block)))).contains(block);
    assertThat(SentinelBlocks.find(new RuntimeException("no"))).isEmpty();
  }

  @Test
  void onlyDependencyFailuresCountForDegradeRules() {
    assertThat(CountedFailures.counts(VentException.notFound("USER_NOT_FOUND", "no user 7")))
        .isFalse();
    assertThat(
            CountedFailures.counts(
                new VentException(ErrorKind.UNAVAILABLE, "DEPENDENCY_UNAVAILABLE", "redis")))
        .isTrue();
    assertThat(
            CountedFailures.counts(
                new RpcException(status(TriRpcStatus.Code.NOT_FOUND, "USER_NOT_FOUND"))))
        .isFalse();
    assertThat(
            CountedFailures.counts(
                new RpcException(status(TriRpcStatus.Code.INTERNAL, "INTERNAL"))))
        .isTrue();
    assertThat(CountedFailures.counts(status(TriRpcStatus.Code.RESOURCE_EXHAUSTED, "RATE_LIMITED")))
        .isTrue();
    assertThat(
            CountedFailures.counts(
                status(TriRpcStatus.Code.RESOURCE_EXHAUSTED, "TOO_MANY_ATTEMPTS")))
        .isFalse();
    assertThat(CountedFailures.counts(new RpcException(RpcException.TIMEOUT_EXCEPTION, "timeout")))
        .isTrue();
    assertThat(CountedFailures.counts(new IllegalStateException("bug"))).isTrue();
  }

  private static ReasonedRpcException status(TriRpcStatus.Code code, String reason) {
    return new ReasonedRpcException(code, new ReasonedStatus(reason, "detail"));
  }
}
