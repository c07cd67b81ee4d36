package vent.common.dubbo;

import dev.vent.api.ReasonedStatus;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.AsyncRpcResult;
import org.apache.dubbo.rpc.BaseFilter;
import org.apache.dubbo.rpc.Filter;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.StatusRpcException;
import org.apache.dubbo.rpc.TriRpcStatus;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.VentException;

/**
 * Provider side: turns what a service method threw into the gRPC status its caller sees.
 *
 * <ul>
 *   <li>{@link VentException}: its kind as the status code, {@code "REASON: detail"} as the
 *       description;
 *   <li>a Redis failure: UNAVAILABLE, {@code "DEPENDENCY_UNAVAILABLE: redis"};
 *   <li>a status already set (e.g. by a nested call): unchanged;
 *   <li>anything else: INTERNAL, {@code "INTERNAL: unexpected error"}, logged here with its stack
 *       trace and never sent to the caller.
 * </ul>
 *
 * An invocation without the arguments its method takes (its request could not be decoded) is
 * answered INVALID_ARGUMENT {@code "MALFORMED_REQUEST: ..."} without calling the service. Reason
 * codes shared by all services are in {@code vent/common/v1/error_reason.proto}.
 */
@Activate(group = CommonConstants.PROVIDER, order = -100000)
public class VentErrorFilter implements Filter, BaseFilter.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(VentErrorFilter.class);

  @Override
  public Result invoke(Invoker<?> invoker, Invocation invocation) throws RpcException {
    if (argumentsMissing(invocation)) {
      // Dubbo 3.3 still dispatches a call whose request message failed to decode, with no
      // arguments; the caller already got INVALID_ARGUMENT (MalformedRequestHandler). Stop it
      // here rather than let the stub fail with ArrayIndexOutOfBoundsException and an ERROR log.
      return AsyncRpcResult.newDefaultAsyncResult(
          new ReasonedRpcException(
              TriRpcStatus.Code.INVALID_ARGUMENT,
              new ReasonedStatus(
                  MalformedRequestHandler.REASON, "the request message cannot be decoded")),
          invocation);
    }
    return invoker.invoke(invocation);
  }

  /**
   * True when the method takes arguments but the invocation carries fewer (an undecodable request).
   */
  static boolean argumentsMissing(Invocation invocation) {
    Class<?>[] types = invocation.getParameterTypes();
    Object[] args = invocation.getArguments();
    return types != null && types.length > 0 && (args == null || args.length < types.length);
  }

  @Override
  public void onResponse(Result appResponse, Invoker<?> invoker, Invocation invocation) {
    if (appResponse.hasException()) {
      appResponse.setException(toStatus(appResponse.getException(), invocation.getMethodName()));
    }
  }

  @Override
  public void onError(Throwable t, Invoker<?> invoker, Invocation invocation) {
    // Framework errors (e.g. undecodable requests) are reported by Dubbo itself.
  }

  static StatusRpcException toStatus(Throwable thrown, String method) {
    Throwable t = unwrap(thrown);
    if (t instanceof StatusRpcException status) {
      return status;
    }
    if (t instanceof VentException ve) {
      TriRpcStatus.Code code = TriRpcStatus.Code.valueOf(ve.kind().name());
      return new ReasonedRpcException(code, ve.toReasonedStatus());
    }
    if (t instanceof RedisException) {
      LOG.warn(
          "event=dependency_unavailable dependency=redis method={} error={}", method, t.toString());
      return new ReasonedRpcException(
          TriRpcStatus.Code.UNAVAILABLE, new ReasonedStatus("DEPENDENCY_UNAVAILABLE", "redis"));
    }
    LOG.error("event=unexpected_error method={}", method, t);
    return new ReasonedRpcException(
        TriRpcStatus.Code.INTERNAL, new ReasonedStatus("INTERNAL", "unexpected error"));
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof java.util.concurrent.CompletionException
            || cur instanceof java.util.concurrent.ExecutionException
            || cur instanceof java.lang.reflect.InvocationTargetException)
        && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }
}
