package vent.common.sentinel;

import com.alibaba.csp.sentinel.adapter.dubbo3.DubboUtils;
import com.alibaba.csp.sentinel.adapter.dubbo3.fallback.DubboFallback;
import com.alibaba.csp.sentinel.slots.block.BlockException;
import dev.vent.api.ReasonedStatus;
import org.apache.dubbo.rpc.AsyncRpcResult;
import org.apache.dubbo.rpc.TriRpcStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.dubbo.ReasonedRpcException;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

/**
 * What a Dubbo call blocked by Sentinel's Dubbo 3 adapter ends with (Sentinel's default wraps the
 * block in a RuntimeException that travels as gRPC UNKNOWN).
 *
 * <ul>
 *   <li>Consumer side (this process's rule, e.g. an open circuit): the call fails at once, without
 *       a network round trip, with {@code VentException(UNAVAILABLE, "DEPENDENCY_UNAVAILABLE",
 *       "circuit open: <resource>")} ({@link SentinelBlocks#describe} for the other rule kinds).
 *   <li>Provider side (the provider's own rule): gRPC RESOURCE_EXHAUSTED {@code "RATE_LIMITED:
 *       <resource>"}, which the consumer's {@link vent.common.dubbo.RpcErrors#toVentException}
 *       turns into DEPENDENCY_UNAVAILABLE.
 * </ul>
 */
public final class DubboBlockFallbacks {

  private static final Logger LOG = LoggerFactory.getLogger(DubboBlockFallbacks.class);

  private DubboBlockFallbacks() {}

  /** The consumer-side fallback. */
  public static DubboFallback consumer() {
    return (invoker, invocation, block) -> {
      String detail = SentinelBlocks.describe(block, DubboUtils.getInterfaceName(invoker));
      LOG.debug("event=sentinel_blocked side=consumer detail={}", detail);
      return AsyncRpcResult.newDefaultAsyncResult(
          new VentException(ErrorKind.UNAVAILABLE, "DEPENDENCY_UNAVAILABLE", detail), invocation);
    };
  }

  /** The provider-side fallback. */
  public static DubboFallback provider() {
    return (invoker, invocation, block) -> {
      String resource = SentinelBlocks.resource(block, DubboUtils.getInterfaceName(invoker));
      LOG.debug("event=sentinel_blocked side=provider resource={} rule={}", resource, kind(block));
      return AsyncRpcResult.newDefaultAsyncResult(
          new ReasonedRpcException(
              TriRpcStatus.Code.RESOURCE_EXHAUSTED, new ReasonedStatus("RATE_LIMITED", resource)),
          invocation);
    };
  }

  private static String kind(BlockException block) {
    return block.getClass().getSimpleName();
  }
}
