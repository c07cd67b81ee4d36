package vent.provider.auth.client;

import dev.vent.user.v1.CreateUserRequest;
import dev.vent.user.v1.DeleteUserRequest;
import dev.vent.user.v1.GetUserRequest;
import dev.vent.user.v1.User;
import dev.vent.user.v1.UserService;
import java.util.function.Supplier;
import vent.common.dubbo.RpcErrors;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;
import vent.provider.auth.domain.UserDirectory;
import vent.provider.auth.domain.UserProfile;

/**
 * {@link UserDirectory} over the user service's Triple API. Failures arrive as the user service
 * reported them ({@link RpcErrors#toVentException(Throwable)}), so USERNAME_TAKEN and the like
 * reach auth's caller unchanged.
 */
public final class DubboUserDirectory implements UserDirectory {

  private final Supplier<UserService> users;

  /**
   * @param users the reference's proxy, resolved at the first call (after the node started)
   */
  public DubboUserDirectory(Supplier<UserService> users) {
    this.users = users;
  }

  @Override
  public UserProfile create(String username, String displayName) {
    User u;
    try {
      u =
          users
              .get()
              .createUser(
                  CreateUserRequest.newBuilder()
                      .setUsername(username)
                      .setDisplayName(displayName)
                      .build());
    } catch (RuntimeException e) {
      throw RpcErrors.toVentException(e);
    }
    return new UserProfile(
        u.getId(),
        u.getUsername(),
        u.getDisplayName(),
        u.getBio(),
        u.getCreatedAtMs(),
        u.getUpdatedAtMs());
  }

  @Override
  public boolean exists(String userId) {
    try {
      users.get().getUser(GetUserRequest.newBuilder().setId(userId).build());
      return true;
    } catch (RuntimeException e) {
      RuntimeException failure = RpcErrors.toVentException(e);
      if (failure instanceof VentException ve && ve.kind() == ErrorKind.NOT_FOUND) {
        return false;
      }
      throw failure;
    }
  }

  @Override
  public void delete(String userId) {
    try {
      users.get().deleteUser(DeleteUserRequest.newBuilder().setId(userId).build());
    } catch (RuntimeException e) {
      throw RpcErrors.toVentException(e);
    }
  }
}
