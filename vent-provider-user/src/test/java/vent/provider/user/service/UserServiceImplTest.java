package vent.provider.user.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vent.user.v1.BatchGetUsersRequest;
import dev.vent.user.v1.CreateUserRequest;
import dev.vent.user.v1.DeleteUserRequest;
import dev.vent.user.v1.EnsureUsersRequest;
import dev.vent.user.v1.EnsureUsersResponse;
import dev.vent.user.v1.GetUserByUsernameRequest;
import dev.vent.user.v1.UpdateUserRequest;
import dev.vent.user.v1.User;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vent.common.testing.RedisExtension;
import vent.provider.user.domain.UserUseCases;
import vent.provider.user.store.RedisUserRepository;

class UserServiceImplTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private static UserServiceImpl service;

  @BeforeAll
  static void setUp() {
    service =
        new UserServiceImpl(
            new UserUseCases(
                new RedisUserRepository(
                    REDIS.client(), new vent.common.events.OutboxRelay(REDIS.client(), "user"), 2),
                Clock.systemUTC()));
  }

  @Test
  void convertsMessagesBothWays() {
    User created =
        service.createUser(
            CreateUserRequest.newBuilder()
                .setUsername("Zed")
                .setDisplayName("Zed Z")
                .setBio("hello")
                .build());
    assertThat(created.getUsername()).isEqualTo("zed");
    assertThat(created.getCreatedAtMs()).isPositive();
    assertThat(
            service.getUserByUsername(
                GetUserByUsernameRequest.newBuilder().setUsername("ZED").build()))
        .isEqualTo(created);

    // An unset optional field is kept; a set empty bio clears it.
    User renamed =
        service.updateUser(
            UpdateUserRequest.newBuilder().setId(created.getId()).setDisplayName("Z").build());
    assertThat(renamed.getBio()).isEqualTo("hello");
    User cleared =
        service.updateUser(
            UpdateUserRequest.newBuilder().setId(created.getId()).setBio("").build());
    assertThat(cleared.getDisplayName()).isEqualTo("Z");
    assertThat(cleared.getBio()).isEmpty();

    EnsureUsersResponse ensured =
        service.ensureUsers(
            EnsureUsersRequest.newBuilder()
                .addUsernames("zed")
                .addUsernames("Yan")
                .addUsernames("yan")
                .build());
    assertThat(ensured.getCreated()).isEqualTo(1);
    assertThat(ensured.getUsersList())
        .extracting(u -> u.getUsername() + "/" + u.getCreated())
        .containsExactly("zed/false", "yan/true");

    assertThat(
            service
                .batchGetUsers(
                    BatchGetUsersRequest.newBuilder()
                        .addIds(ensured.getUsers(1).getId())
                        .addIds("12345")
                        .addIds(created.getId())
                        .build())
                .getUsersList())
        .extracting(User::getUsername)
        .containsExactly("yan", "zed");

    assertThat(
            service
                .deleteUser(DeleteUserRequest.newBuilder().setId(created.getId()).build())
                .getDeleted())
        .isTrue();
    assertThat(
            service
                .deleteUser(DeleteUserRequest.newBuilder().setId(created.getId()).build())
                .getDeleted())
        .isFalse();
  }
}
