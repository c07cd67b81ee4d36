package vent.web.rpc;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import vent.common.dubbo.RpcErrors;

/**
 * Runs provider calls so that every failure surfaces as {@link vent.common.error.VentException}.
 */
public final class Rpc {

  private Rpc() {}

  /** A blocking call; failures pass through {@link RpcErrors#toVentException}. */
  public static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw RpcErrors.toVentException(e);
    }
  }

  /**
   * Starts an asynchronous call; a failure to even start it is reported through the future, and so
   * is every later failure, converted by {@link RpcErrors#toVentException}.
   */
  public static <T> CompletableFuture<T> async(Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> started;
    try {
      started = call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(RpcErrors.toVentException(e));
    }
    return started.handle(
        (value, failure) -> {
          if (failure != null) {
            throw new CompletionException(RpcErrors.toVentException(failure));
          }
          return value;
        });
  }

  /**
   * Like {@link #async}, for an idempotent read: a failure caused by the provider instance (lost,
   * hung) is retried as {@code retry} allows before it is reported.
   */
  public static <T> CompletableFuture<T> asyncRead(
      ReadRetry retry, Supplier<CompletableFuture<T>> call) {
    return async(() -> retry.run(call));
  }

  /**
   * A blocking idempotent read, retried like {@link #asyncRead}: Dubbo's failover cluster retries a
   * blocking call only when it fails before an answer, not when its instance dies mid-answer (an
   * INTERNAL without a reason, a stream reset).
   */
  public static <T> T read(ReadRetry retry, Supplier<CompletableFuture<T>> call) {
    return await(asyncRead(retry, call));
  }

  /** Waits for an asynchronous call; throws its (converted) failure unwrapped. */
  public static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException | CancellationException e) {
      throw RpcErrors.toVentException(e);
    }
  }
}
