package vent.provider.user.service;

import dev.vent.user.v1.BatchGetUsersRequest;
import dev.vent.user.v1.BatchGetUsersResponse;
import dev.vent.user.v1.CreateUserRequest;
import dev.vent.user.v1.DeleteUserRequest;
import dev.vent.user.v1.DeleteUserResponse;
import dev.vent.user.v1.DubboUserServiceTriple;
import dev.vent.user.v1.EnsureUsersRequest;
import dev.vent.user.v1.EnsureUsersResponse;
import dev.vent.user.v1.EnsuredUser;
import dev.vent.user.v1.GetUserByUsernameRequest;
import dev.vent.user.v1.GetUserRequest;
import dev.vent.user.v1.UpdateUserRequest;
import dev.vent.user.v1.User;
import java.util.List;
import vent.provider.user.domain.EnsureResult;
import vent.provider.user.domain.ProfileUpdate;
import vent.provider.user.domain.UserProfile;
import vent.provider.user.domain.UserUseCases;

/**
 * Triple adapter of {@code vent.user.v1.UserService}: converts protobuf messages to and from the
 * domain and delegates to {@link UserUseCases}. Errors are the domain's {@link
 * vent.common.error.VentException}s, mapped to gRPC statuses by the provider filter; the reasons
 * each RPC can answer with are listed in vent-api's {@code vent/user/v1/user.proto} (the rpc
 * comments) and {@code vent/user/v1/error_reason.proto}.
 */
public final class UserServiceImpl extends DubboUserServiceTriple.UserServiceImplBase {

  private final UserUseCases users;

  public UserServiceImpl(UserUseCases users) {
    this.users = users;
  }

  @Override
  public User createUser(CreateUserRequest request) {
    return toProto(users.create(request.getUsername(), request.getDisplayName(), request.getBio()));
  }

  @Override
  public User getUser(GetUserRequest request) {
    return toProto(users.get(request.getId()));
  }

  @Override
  public BatchGetUsersResponse batchGetUsers(BatchGetUsersRequest request) {
    BatchGetUsersResponse.Builder out = BatchGetUsersResponse.newBuilder();
    for (UserProfile p : users.batchGet(request.getIdsList())) {
      out.addUsers(toProto(p));
    }
    return out.build();
  }

  @Override
  public User getUserByUsername(GetUserByUsernameRequest request) {
    return toProto(users.getByUsername(request.getUsername()));
  }

  @Override
  public User updateUser(UpdateUserRequest request) {
    ProfileUpdate update =
        new ProfileUpdate(
            request.hasDisplayName() ? request.getDisplayName() : null,
            request.hasBio() ? request.getBio() : null);
    return toProto(users.update(request.getId(), update));
  }

  @Override
  public DeleteUserResponse deleteUser(DeleteUserRequest request) {
    return DeleteUserResponse.newBuilder().setDeleted(users.delete(request.getId())).build();
  }

  @Override
  public EnsureUsersResponse ensureUsers(EnsureUsersRequest request) {
    List<String> names = request.getUsernamesList();
    EnsureResult result = users.ensureUsers(names);
    EnsureUsersResponse.Builder out = EnsureUsersResponse.newBuilder().setCreated(result.created());
    for (vent.provider.user.domain.EnsuredUser u : result.users()) {
      out.addUsers(
          EnsuredUser.newBuilder().setUsername(u.username()).setId(u.id()).setCreated(u.created()));
    }
    return out.build();
  }

  static User toProto(UserProfile p) {
    return User.newBuilder()
        .setId(p.id())
        .setUsername(p.username())
        .setDisplayName(p.displayName())
        .setBio(p.bio())
        .setCreatedAtMs(p.createdAtMs())
        .setUpdatedAtMs(p.updatedAtMs())
        .build();
  }
}
