package vent.common.dubbo;

import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.BaseFilter;
import org.apache.dubbo.rpc.Filter;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcContext;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.TriRpcStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider side, when {@code server.accessLog} is on: one line per served call, logger {@code
 * vent.access}: {@code event=rpc_served service=... method=... remote=host:port ms=...
 * status=OK|<gRPC code>}.
 *
 * <p>Vent's own instead of Dubbo's {@code accesslog}: Dubbo's writes every call's arguments, which
 * include passwords, refresh tokens and captcha answers.
 */
@Activate(group = CommonConstants.PROVIDER, value = AccessLogFilter.KEY)
public class AccessLogFilter implements Filter, BaseFilter.Listener {

  /** The service parameter that switches this filter on. */
  public static final String KEY = "vent-access-log";

  private static final Logger LOG = LoggerFactory.getLogger("vent.access");
  private static final String STARTED = "vent.access.startedNanos";

  @Override
  public Result invoke(Invoker<?> invoker, Invocation invocation) throws RpcException {
    invocation.put(STARTED, System.nanoTime());
    return invoker.invoke(invocation);
  }

  @Override
  public void onResponse(Result appResponse, Invoker<?> invoker, Invocation invocation) {
    log(invoker, invocation, appResponse.hasException() ? appResponse.getException() : null);
  }

  @Override
  public void onError(Throwable t, Invoker<?> invoker, Invocation invocation) {
    log(invoker, invocation, t);
  }

  private static void log(Invoker<?> invoker, Invocation invocation, Throwable failure) {
    // A log line must never fail the call it describes.
    try {
      Object started = invocation.get(STARTED);
      long ms = started instanceof Long nanos ? (System.nanoTime() - nanos) / 1_000_000 : -1;
      String status = failure == null ? "OK" : TriRpcStatus.getStatus(failure).code.name();
      var remote = RpcContext.getServiceContext().getRemoteAddress();
      LOG.info(
          "event=rpc_served service={} method={} remote={} ms={} status={}",
          invoker.getInterface().getName(),
          invocation.getMethodName(),
          remote == null ? "-" : remote.getHostString() + ":" + remote.getPort(),
          ms,
          status);
    } catch (RuntimeException e) {
      LOG.warn("event=access_log_failed error={}", e.toString());
    }
  }
}
