package vent.common.sentinel;

import dev.vent.api.ReasonedStatus;
import java.util.EnumSet;
import java.util.Set;
import org.apache.dubbo.rpc.StatusRpcException;
import org.apache.dubbo.rpc.TriRpcStatus;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

/**
 * Which exceptions count as failures for Sentinel's exception-based degrade rules (installed as
 * Sentinel's global {@code Tracer} predicate by {@link SentinelBootstrap}).
 *
 * <p>Only failures of the dependency count: unreachable, timed out, internal error, or rejected by
 * the provider's own limits. An expected domain answer ({@code USER_NOT_FOUND}, {@code
 * USERNAME_TAKEN}, ...) is a healthy provider doing its job; counting it would let ordinary 404s
 * open a circuit.
 */
public final class CountedFailures {

  private static final Set<TriRpcStatus.Code> FAILURE_CODES =
      EnumSet.of(
          TriRpcStatus.Code.UNAVAILABLE,
          TriRpcStatus.Code.DEADLINE_EXCEEDED,
          TriRpcStatus.Code.INTERNAL,
          TriRpcStatus.Code.UNKNOWN,
          TriRpcStatus.Code.DATA_LOSS,
          TriRpcStatus.Code.UNIMPLEMENTED);

  private CountedFailures() {}

  /**
   * @param thrown what a guarded call threw (or its result carried)
   * @return true if it is a failure of the callee rather than an expected domain outcome
   */
  public static boolean counts(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof VentException ve) {
        return ve.kind() == ErrorKind.UNAVAILABLE;
      }
      if (t instanceof StatusRpcException sre) {
        TriRpcStatus status = sre.getStatus();
        if (status.code == TriRpcStatus.Code.RESOURCE_EXHAUSTED) {
          return ReasonedStatus.parse(status.description)
              .map(r -> r.reason().equals("RATE_LIMITED"))
              .orElse(false);
        }
        return FAILURE_CODES.contains(status.code);
      }
    }
    return true;
  }
}
