package vent.common.dubbo;

import dev.vent.api.ReasonedStatus;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.StatusRpcException;
import org.apache.dubbo.rpc.TriRpcStatus;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;
import vent.common.sentinel.SentinelBlocks;

/** Consumer side: reads the outcome of a failed Triple call. */
public final class RpcErrors {

  private RpcErrors() {}

  /**
   * Turns a failed call into a {@link VentException} when the provider reported an expected failure
   * ({@code "REASON: detail"} status) or could not be reached (UNAVAILABLE, {@code
   * DEPENDENCY_UNAVAILABLE}); otherwise returns {@code thrown} unchanged as a runtime exception.
   *
   * <p>Sentinel: a call blocked on this side (a Sentinel {@code BlockException} anywhere in the
   * cause chain, e.g. an open circuit) and a call the provider's own rules rejected (gRPC
   * RESOURCE_EXHAUSTED {@code "RATE_LIMITED: <resource>"}) both become UNAVAILABLE {@code
   * DEPENDENCY_UNAVAILABLE}, with detail {@code "circuit open: <resource>"} (or {@code "rate limit:
   * ..."}) and {@code "provider rate limit: <resource>"}: the caller of the caller is not the one
   * being limited.
   */
  public static RuntimeException toVentException(Throwable thrown) {
    var block = SentinelBlocks.find(thrown);
    if (block.isPresent()) {
      return unavailable(SentinelBlocks.describe(block.get(), "unknown resource"));
    }
    Throwable t = unwrap(thrown);
    if (t instanceof VentException ve) {
      return ve;
    }
    if (t instanceof StatusRpcException sre) {
      TriRpcStatus status = sre.getStatus();
      var reasoned = ReasonedStatus.parse(status.description);
      if (status.code == TriRpcStatus.Code.RESOURCE_EXHAUSTED
          && reasoned.isPresent()
          && reasoned.get().reason().equals("RATE_LIMITED")) {
        return unavailable("provider rate limit: " + reasoned.get().detail());
      }
      ErrorKind kind = kindOf(status.code);
      if (reasoned.isPresent() && kind != null) {
        return new VentException(kind, reasoned.get().reason(), reasoned.get().detail());
      }
      // CANCELLED: the provider instance closed the call while stopping or dying (LostCallFilter).
      if (status.code == TriRpcStatus.Code.UNAVAILABLE
          || status.code == TriRpcStatus.Code.DEADLINE_EXCEEDED
          || status.code == TriRpcStatus.Code.CANCELLED) {
        return unavailable(status.code.name().toLowerCase());
      }
      // Without a reason the provider did not decide this failure: it crashed mid-call or has a
      // bug. Either way the dependency failed; the REST client gets 503, not 500.
      if (reasoned.isEmpty()
          && (status.code == TriRpcStatus.Code.INTERNAL
              || status.code == TriRpcStatus.Code.UNKNOWN)) {
        return unavailable("provider failed: " + status.code.name());
      }
    }
    if (t instanceof RpcException re
        && (re.isTimeout()
            || re.isNetwork()
            || re.isNoInvokerAvailableAfterFilter()
            || re.getCode() == RpcException.FORBIDDEN_EXCEPTION)) {
      return unavailable(re.isTimeout() ? "timeout" : "no provider reachable");
    }
    return t instanceof RuntimeException rt ? rt : new IllegalStateException(t);
  }

  /**
   * Dubbo wraps the provider's status several times (RpcException, ExecutionException,
   * CompletionException); the innermost StatusRpcException is the one that counts.
   */
  private static Throwable unwrap(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof StatusRpcException || t instanceof VentException) {
        return t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    Throwable t = thrown;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static VentException unavailable(String detail) {
    return new VentException(ErrorKind.UNAVAILABLE, "DEPENDENCY_UNAVAILABLE", detail);
  }

  private static ErrorKind kindOf(TriRpcStatus.Code code) {
    try {
      return ErrorKind.valueOf(code.name());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
