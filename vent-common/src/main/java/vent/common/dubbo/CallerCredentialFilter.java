package vent.common.dubbo;

import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.Filter;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcException;

/**
 * Consumer side: every call this application makes carries its caller name and secret ({@link
 * CallerAuth#CALLER}, {@link CallerAuth#SECRET}) when it has a secret, for the providers' {@link
 * CallerAuthFilter}.
 */
@Activate(group = CommonConstants.CONSUMER)
public class CallerCredentialFilter implements Filter {

  @Override
  public Result invoke(Invoker<?> invoker, Invocation invocation) throws RpcException {
    CallerAuth auth = CallerAuth.of(invoker, invocation);
    String secret = auth == null ? null : auth.secret();
    if (secret != null) {
      invocation.setAttachment(CallerAuth.CALLER, auth.name());
      invocation.setAttachment(CallerAuth.SECRET, secret);
    }
    return invoker.invoke(invocation);
  }
}
