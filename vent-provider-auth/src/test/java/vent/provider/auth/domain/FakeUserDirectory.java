package vent.provider.auth.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

/** In-memory stand-in for the user service, with its USERNAME_TAKEN rule. */
final class FakeUserDirectory implements UserDirectory {

  final Map<String, UserProfile> byId = new ConcurrentHashMap<>();
  final List<String> deleted = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong(1000);

  @Override
  public UserProfile create(String username, String displayName) {
    String name = username.toLowerCase(Locale.ROOT);
    if (byId.values().stream().anyMatch(u -> u.username().equals(name))) {
      throw new VentException(
          ErrorKind.ALREADY_EXISTS, "USERNAME_TAKEN", "username '" + name + "' is taken");
    }
    String id = String.valueOf(ids.incrementAndGet());
    UserProfile u = new UserProfile(id, name, displayName, "", 1L, 1L);
    byId.put(id, u);
    return u;
  }

  @Override
  public boolean exists(String userId) {
    return byId.containsKey(userId);
  }

  @Override
  public void delete(String userId) {
    deleted.add(userId);
    byId.remove(userId);
  }
}
