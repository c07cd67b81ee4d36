package vent.web.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vent.user.v1.BatchGetUsersResponse;
import dev.vent.user.v1.User;
import dev.vent.user.v1.UserService;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.dubbo.rpc.TriRpcStatus;
import org.junit.jupiter.api.Test;

class UserClientTest {

  private final AtomicInteger calls = new AtomicInteger();

  /**
   * A UserService whose first BatchGetUsers fails as a call does when its instance is killed
   * mid-answer (a stream reset: INTERNAL without a reason), which Dubbo's failover cluster does not
   * retry, blocking or not.
   */
  private UserService firstBatchReadReset() {
    BatchGetUsersResponse answer =
        BatchGetUsersResponse.newBuilder()
            .addUsers(User.newBuilder().setId("7").setUsername("seven"))
            .build();
    return (UserService)
        Proxy.newProxyInstance(
            UserService.class.getClassLoader(),
            new Class<?>[] {UserService.class},
            (proxy, method, args) -> {
              boolean reset = calls.incrementAndGet() == 1;
              return switch (method.getName()) {
                case "batchGetUsers" -> {
                  if (reset) {
                    throw TriRpcStatus.INTERNAL.asException();
                  }
                  yield answer;
                }
                case "batchGetUsersAsync" ->
                    reset
                        ? CompletableFuture.failedFuture(TriRpcStatus.INTERNAL.asException())
                        : CompletableFuture.completedFuture(answer);
                default -> throw new UnsupportedOperationException(method.getName());
              };
            });
  }

  @Test
  void aBatchReadWhoseInstanceDiesMidAnswerIsRetried() {
    List<User> users =
        new UserClient(firstBatchReadReset(), new ReadRetry(2)).batchGet(List.of("7"));

    assertThat(users).extracting(User::getId).containsExactly("7");
    assertThat(calls).hasValue(2);
  }
}
