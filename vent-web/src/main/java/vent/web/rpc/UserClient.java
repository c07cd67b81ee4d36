package vent.web.rpc;

import dev.vent.user.v1.BatchGetUsersRequest;
import dev.vent.user.v1.EnsureUsersRequest;
import dev.vent.user.v1.EnsureUsersResponse;
import dev.vent.user.v1.GetUserByUsernameRequest;
import dev.vent.user.v1.GetUserRequest;
import dev.vent.user.v1.UpdateUserRequest;
import dev.vent.user.v1.User;
import dev.vent.user.v1.UserService;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import vent.common.error.RequestChecks;

/**
 * The user provider as vent-web uses it. Every method throws {@link
 * vent.common.error.VentException} with the provider's reason (see {@code vent/user/v1/user.proto}:
 * USER_NOT_FOUND, INVALID_USER_ID, INVALID_DISPLAY_NAME, ...) or UNAVAILABLE /
 * DEPENDENCY_UNAVAILABLE when it cannot be reached.
 */
public final class UserClient {

  private final UserService users;
  private final ReadRetry readRetry;

  /** Reads are not retried. */
  public UserClient(UserService users) {
    this(users, ReadRetry.none());
  }

  /**
   * @param readRetry how reads are retried when their provider instance fails
   */
  public UserClient(UserService users, ReadRetry readRetry) {
    // Every request is checked against the IDL's field rules before it leaves.
    this.users = RequestChecks.checking(UserService.class, users);
    this.readRetry = readRetry;
  }

  /**
   * @throws vent.common.error.VentException NOT_FOUND USER_NOT_FOUND
   */
  public User get(String id) {
    return Rpc.read(
        readRetry, () -> users.getUserAsync(GetUserRequest.newBuilder().setId(id).build()));
  }

  /** {@link #get} without waiting; the future fails with the converted VentException. */
  public CompletableFuture<User> getAsync(String id) {
    return Rpc.asyncRead(
        readRetry, () -> users.getUserAsync(GetUserRequest.newBuilder().setId(id).build()));
  }

  /** Case-insensitive. @throws vent.common.error.VentException NOT_FOUND USER_NOT_FOUND */
  public User byUsername(String username) {
    return Rpc.read(
        readRetry,
        () ->
            users.getUserByUsernameAsync(
                GetUserByUsernameRequest.newBuilder().setUsername(username).build()));
  }

  /**
   * Up to 500 ids; unknown ids are left out; request order is kept. Empty in, empty out (no call).
   */
  public List<User> batchGet(List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return Rpc.read(
            readRetry,
            () ->
                users.batchGetUsersAsync(BatchGetUsersRequest.newBuilder().addAllIds(ids).build()))
        .getUsersList();
  }

  /** Changes the fields that are present. */
  public User update(String id, Optional<String> displayName, Optional<String> bio) {
    UpdateUserRequest.Builder request = UpdateUserRequest.newBuilder().setId(id);
    displayName.ifPresent(request::setDisplayName);
    bio.ifPresent(request::setBio);
    return Rpc.call(() -> users.updateUser(request.build()));
  }

  /** Get-or-create by username, up to 1000 per call (imports). */
  public EnsureUsersResponse ensure(List<String> usernames) {
    return Rpc.call(
        () ->
            users.ensureUsers(EnsureUsersRequest.newBuilder().addAllUsernames(usernames).build()));
  }
}
