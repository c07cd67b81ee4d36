package vent.common.dubbo;

import dev.vent.api.ReasonedStatus;
import dev.vent.common.v1.CommonErrorReason;
import java.util.Set;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.AsyncRpcResult;
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
 * Provider side: a method whose IDL lists its allowed callers ({@code
 * (vent.common.v1.allowed_callers)}, {@code vent/common/v1/caller.proto}) serves only those
 * applications, each proven by its caller secret ({@link CallerAuth#CALLER}, {@link
 * CallerAuth#SECRET}).
 *
 * <ul>
 *   <li>no caller, an unknown one, or a wrong secret: UNAUTHENTICATED {@code
 *       "CALLER_UNAUTHENTICATED: ..."};
 *   <li>a proven caller the method does not list: PERMISSION_DENIED {@code "CALLER_NOT_ALLOWED:
 *       ..."};
 *   <li>methods without the option, and every method of a provider that recognises no caller
 *       ({@link CallerAuth#enforcing()} false): served as before.
 * </ul>
 *
 * Each refusal is one {@code event=caller_refused} line, without the secret.
 */
@Activate(group = CommonConstants.PROVIDER, order = -90000)
public class CallerAuthFilter implements Filter {

  private static final Logger LOG = LoggerFactory.getLogger(CallerAuthFilter.class);

  @Override
  public Result invoke(Invoker<?> invoker, Invocation invocation) throws RpcException {
    CallerAuth auth = CallerAuth.of(invoker, invocation);
    if (auth == null || !auth.enforcing()) {
      return invoker.invoke(invocation);
    }
    Set<String> allowed =
        auth.allowedCallers(
            invoker.getInterface(), invocation.getMethodName(), invocation.getParameterTypes());
    if (allowed.isEmpty()) {
      return invoker.invoke(invocation);
    }
    String caller = invocation.getAttachment(CallerAuth.CALLER);
    CallerAuth.Verdict verdict =
        auth.check(caller, invocation.getAttachment(CallerAuth.SECRET), allowed);
    if (verdict == CallerAuth.Verdict.ALLOWED) {
      return invoker.invoke(invocation);
    }
    String method = invoker.getInterface().getName() + "/" + invocation.getMethodName();
    var remote = RpcContext.getServiceContext().getRemoteAddress();
    String shownCaller = auth.printable(caller);
    LOG.warn(
        "event=caller_refused service={} method={} caller={} reason={} remote={}",
        invoker.getInterface().getName(),
        invocation.getMethodName(),
        shownCaller,
        verdict == CallerAuth.Verdict.NOT_ALLOWED
            ? CommonErrorReason.CALLER_NOT_ALLOWED
            : CommonErrorReason.CALLER_UNAUTHENTICATED,
        remote == null ? "-" : remote.getHostString() + ":" + remote.getPort());
    ReasonedRpcException refusal =
        verdict == CallerAuth.Verdict.NOT_ALLOWED
            ? new ReasonedRpcException(
                TriRpcStatus.Code.PERMISSION_DENIED,
                new ReasonedStatus(
                    CommonErrorReason.CALLER_NOT_ALLOWED.name(),
                    shownCaller + " may not call " + method))
            : new ReasonedRpcException(
                TriRpcStatus.Code.UNAUTHENTICATED,
                new ReasonedStatus(
                    CommonErrorReason.CALLER_UNAUTHENTICATED.name(),
                    method + " needs a known caller and its secret"));
    return AsyncRpcResult.newDefaultAsyncResult(refusal, invocation);
  }
}
