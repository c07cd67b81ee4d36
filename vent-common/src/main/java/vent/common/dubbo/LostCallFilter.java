package vent.common.dubbo;

import dev.vent.api.ReasonedStatus;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.Filter;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.StatusRpcException;
import org.apache.dubbo.rpc.TriRpcStatus;

/**
 * Consumer side, per provider instance: turns a call lost with its instance into an error Dubbo's
 * failover cluster retries.
 *
 * <p>When a provider instance stops or dies mid-call, Triple ends the call with status CANCELLED
 * (the server closed the stream) or UNAVAILABLE, and a hung instance with DEADLINE_EXCEEDED, and
 * hands it back as a normal result carrying that exception, which the failover cluster treats like
 * an application error: no retry, and the caller would see a 500 or a 503 although another instance
 * is healthy (the fault suite of docs/RELIABILITY.md covers it). Rethrown as a network {@link
 * RpcException}, the call is retried on another instance for the methods that allow retries (reads
 * and idempotent writes, {@link DubboNode#refer}) and ends as 503 DEPENDENCY_UNAVAILABLE for the
 * others ({@link RpcErrors}).
 */
@Activate(group = CommonConstants.CONSUMER)
public class LostCallFilter implements Filter {

  @Override
  public Result invoke(Invoker<?> invoker, Invocation invocation) throws RpcException {
    Result result = invoker.invoke(invocation);
    if (result.hasException()) {
      int code = retryCode(result.getException());
      if (code != 0) {
        throw new RpcException(
            code,
            "call to provider "
                + invoker.getUrl().getAddress()
                + " lost: "
                + result.getException().getMessage(),
            result.getException());
      }
    }
    return result;
  }

  /**
   * @return {@link RpcException#NETWORK_EXCEPTION} when {@code t} (or a cause) says the instance
   *     went away (CANCELLED, UNAVAILABLE), {@link RpcException#TIMEOUT_EXCEPTION} when it did not
   *     answer in time (DEADLINE_EXCEEDED: hung or overloaded), else 0: the call failed on a live
   *     instance that gave a reason ({@code "REASON: detail"}), and another would fail alike
   */
  public static int retryCode(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof StatusRpcException sre) {
        if (ReasonedStatus.parse(sre.getStatus().description).isPresent()) {
          return 0; // the provider answered with a reason (e.g. its Redis is down): another would
          // too
        }
        TriRpcStatus.Code code = sre.getStatus().code;
        if (code == TriRpcStatus.Code.CANCELLED || code == TriRpcStatus.Code.UNAVAILABLE) {
          return RpcException.NETWORK_EXCEPTION;
        }
        return code == TriRpcStatus.Code.DEADLINE_EXCEEDED ? RpcException.TIMEOUT_EXCEPTION : 0;
      }
    }
    return 0;
  }
}
