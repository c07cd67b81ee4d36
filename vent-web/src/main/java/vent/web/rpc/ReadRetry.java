package vent.web.rpc;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.vent.api.ReasonedStatus;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.StatusRpcException;
import org.apache.dubbo.rpc.TriRpcStatus;
import vent.common.dubbo.LostCallFilter;

/**
 * Retries of idempotent reads (Failsafe).
 *
 * <p>Dubbo's failover cluster retries only blocking calls, and only failures it sees before an
 * answer; an asynchronous call that fails after it was sent (its provider instance died, stopped or
 * hung past the timeout), or a blocking one whose instance died mid-answer, comes back failed.
 * vent-web's reads, asynchronous ({@link Rpc#asyncRead}) or blocking ({@link Rpc#read}), are
 * retried here instead, immediately and at most {@code retries} times, and only for those failures
 * ({@link LostCallFilter#retryCode}: CANCELLED, UNAVAILABLE, DEADLINE_EXCEEDED, or a Dubbo network
 * / timeout error; for reads also an INTERNAL without a reason, a stream reset by a dying
 * instance). The least-active balancing of {@code DubboNode.refer} steers a retry away from an
 * instance with calls stuck on it.
 *
 * <p>The first attempt is started on the caller's thread, as a plain Dubbo call would be; only a
 * retry goes through Failsafe, whose asynchronous executions run on the common fork-join pool.
 * Sending every read through Failsafe cost a thread hop per call: a fifth of vent-web's CPU samples
 * under load were the Dubbo client stack running on that pool (docs/BENCHMARKS.md).
 */
public final class ReadRetry {

  private final FailsafeExecutor<Object> executor;
  private final int retries;

  /**
   * @param retries extra attempts after the first, 0 for none
   */
  public ReadRetry(int retries) {
    this.retries = retries;
    // Failsafe runs the retries only: its first execution is the second attempt.
    this.executor =
        retries == 0
            ? null
            : Failsafe.with(
                RetryPolicy.builder()
                    .handleIf(ReadRetry::retryable)
                    .withMaxRetries(retries - 1)
                    .build());
  }

  /** No retries: for tests and tools that want every failure as it comes. */
  public static ReadRetry none() {
    return new ReadRetry(0);
  }

  /**
   * @return the extra attempts allowed
   */
  public int retries() {
    return retries;
  }

  /**
   * Starts {@code call}, and starts it again while it fails in a retryable way.
   *
   * @return the first success, or the last failure
   */
  @SuppressWarnings("unchecked")
  <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> first = call.get();
    if (retries == 0) {
      return first;
    }
    return first.exceptionallyCompose(
        failure ->
            retryable(failure)
                ? (CompletableFuture<T>)
                    executor.getStageAsync(() -> (CompletableFuture<Object>) call.get())
                : first);
  }

  private static boolean unreasonedInternal(StatusRpcException e) {
    return e.getStatus().code == TriRpcStatus.Code.INTERNAL
        && ReasonedStatus.parse(e.getStatus().description).isEmpty();
  }

  static boolean retryable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StatusRpcException sre) {
        // The provider's own status decides (a StatusRpcException is also an RpcException whose
        // code says "network" for any UNAVAILABLE, reasoned or not). An INTERNAL without a reason
        // is what a read gets when its instance is killed mid-answer (the stream is reset, seen in
        // the fault suite); every Vent provider gives its own failures a reason, so for a read,
        // which may run twice, it is one more lost call.
        return LostCallFilter.retryCode(t) != 0 || unreasonedInternal(sre);
      }
      if (t instanceof RpcException re && (re.isNetwork() || re.isTimeout())) {
        return true;
      }
    }
    return false;
  }
}
