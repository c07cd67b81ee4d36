package vent.web.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.TriRpcStatus;
import org.junit.jupiter.api.Test;

class ReadRetryTest {

  private final AtomicInteger calls = new AtomicInteger();

  private CompletableFuture<String> failing(Throwable first, int failures) {
    return calls.incrementAndGet() <= failures
        ? CompletableFuture.failedFuture(first)
        : CompletableFuture.completedFuture("ok");
  }

  @Test
  void aCallLostWithItsInstanceIsStartedAgain() {
    var lost =
        new RpcException(TriRpcStatus.CANCELLED.withDescription("stream closed").asException());

    assertThat(new ReadRetry(2).run(() -> failing(lost, 1)).join()).isEqualTo("ok");
    assertThat(calls).hasValue(2);
  }

  @Test
  void aTimeoutIsRetriedAtMostRetriesTimes() {
    var timeout = TriRpcStatus.DEADLINE_EXCEEDED.asException();

    assertThatThrownBy(() -> new ReadRetry(2).run(() -> failing(timeout, 5)).join())
        .isInstanceOf(CompletionException.class);
    assertThat(calls).hasValue(3);
  }

  @Test
  void aStreamResetByADyingInstanceIsRetriedButAReasonedInternalIsNot() {
    var reset = TriRpcStatus.INTERNAL.asException();
    assertThat(new ReadRetry(2).run(() -> failing(reset, 1)).join()).isEqualTo("ok");
    assertThat(calls).hasValue(2);

    calls.set(0);
    var bug =
        TriRpcStatus.INTERNAL.withDescription("INTERNAL_ERROR: something broke").asException();
    assertThatThrownBy(() -> new ReadRetry(2).run(() -> failing(bug, 5)).join())
        .isInstanceOf(CompletionException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void anAnswerWithAReasonIsNotRetried() {
    var notFound =
        TriRpcStatus.NOT_FOUND.withDescription("USER_NOT_FOUND: no user 7").asException();
    var redisDown =
        TriRpcStatus.UNAVAILABLE.withDescription("DEPENDENCY_UNAVAILABLE: redis").asException();

    assertThatThrownBy(() -> new ReadRetry(2).run(() -> failing(notFound, 5)).join())
        .isInstanceOf(CompletionException.class);
    assertThatThrownBy(() -> new ReadRetry(2).run(() -> failing(redisDown, 5)).join())
        .isInstanceOf(CompletionException.class);
    assertThat(calls).hasValue(2);
  }

  @Test
  void theFirstAttemptStartsOnTheCallersThread() {
    Thread caller = Thread.currentThread();
    Thread[] ran = new Thread[1];

    assertThat(
            new ReadRetry(2)
                .run(
                    () -> {
                      ran[0] = Thread.currentThread();
                      return CompletableFuture.completedFuture("ok");
                    })
                .join())
        .isEqualTo("ok");
    assertThat(ran[0]).isSameAs(caller);
  }

  @Test
  void noneMeansOneAttempt() {
    assertThatThrownBy(
            () ->
                ReadRetry.none()
                    .run(() -> failing(TriRpcStatus.UNAVAILABLE.asException(), 5))
                    .join())
        .isInstanceOf(CompletionException.class);
    assertThat(calls).hasValue(1);
  }
}
