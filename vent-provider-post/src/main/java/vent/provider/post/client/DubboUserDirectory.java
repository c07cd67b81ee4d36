package vent.provider.post.client;

import dev.vent.user.v1.GetUserByUsernameRequest;
import dev.vent.user.v1.User;
import dev.vent.user.v1.UserService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import vent.common.dubbo.RpcErrors;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;
import vent.provider.post.domain.UserDirectory;

/**
 * {@link UserDirectory} over the user service's Triple API: one GetUserByUsername per name, all
 * sent at once, so a vent's mentions cost one round trip's latency, not one per name.
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
  public Map<String, String> idsOf(List<String> usernames) {
    List<CompletableFuture<User>> calls = new ArrayList<>(usernames.size());
    for (String name : usernames) {
      calls.add(
          users
              .get()
              .getUserByUsernameAsync(
                  GetUserByUsernameRequest.newBuilder().setUsername(name).build()));
    }
    Map<String, String> ids = new HashMap<>();
    for (int i = 0; i < calls.size(); i++) {
      try {
        ids.put(usernames.get(i), calls.get(i).join().getId());
      } catch (CompletionException | CancellationException e) {
        RuntimeException failure =
            RpcErrors.toVentException(e.getCause() == null ? e : e.getCause());
        // A mention of no one (or of a name no account can have) stays plain text.
        if (!(failure instanceof VentException ve)
            || (ve.kind() != ErrorKind.NOT_FOUND && ve.kind() != ErrorKind.INVALID_ARGUMENT)) {
          throw failure;
        }
      }
    }
    return ids;
  }
}
