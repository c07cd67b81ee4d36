package vent.provider.post.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.vent.user.v1.DubboUserServiceTriple;
import dev.vent.user.v1.GetUserByUsernameRequest;
import dev.vent.user.v1.User;
import dev.vent.user.v1.UserService;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

/** Unknown usernames are left out; a failing user service fails the lookup. */
class DubboUserDirectoryTest {

  private static UserService stub(ErrorKind failure) {
    return new DubboUserServiceTriple.UserServiceImplBase() {
      @Override
      public CompletableFuture<User> getUserByUsernameAsync(GetUserByUsernameRequest request) {
        return switch (request.getUsername()) {
          case "alice" -> CompletableFuture.completedFuture(User.newBuilder().setId("1").build());
          case "carol" -> CompletableFuture.completedFuture(User.newBuilder().setId("3").build());
          default ->
              CompletableFuture.failedFuture(
                  new VentException(failure, "USER_NOT_FOUND", "no such user"));
        };
      }
    };
  }

  @Test
  void leavesOutUsernamesOfNoOne() {
    assertThat(
            new DubboUserDirectory(() -> stub(ErrorKind.NOT_FOUND))
                .idsOf(List.of("alice", "bob", "carol")))
        .containsOnly(entry("alice", "1"), entry("carol", "3"));
  }

  @Test
  void anUnavailableUserServiceFailsTheLookup() {
    assertThatThrownBy(
            () ->
                new DubboUserDirectory(() -> stub(ErrorKind.UNAVAILABLE))
                    .idsOf(List.of("alice", "bob")))
        .isInstanceOfSatisfying(
            VentException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
  }
}
