package vent.provider.user.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A plain-Java {@link UserRepository} for use-case tests (store behaviour is tested on Redis). */
final class InMemoryUserRepository implements UserRepository {

  private final Map<String, UserProfile> byId = new HashMap<>();
  private final Map<String, String> byName = new HashMap<>();
  private long seq;

  @Override
  public synchronized Optional<UserProfile> create(
      String username, String displayName, String bio, long nowMs) {
    if (byName.containsKey(username)) {
      return Optional.empty();
    }
    UserProfile p = new UserProfile(Long.toString(++seq), username, displayName, bio, nowMs, nowMs);
    byId.put(p.id(), p);
    byName.put(username, p.id());
    return Optional.of(p);
  }

  @Override
  public synchronized Optional<UserProfile> findById(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized Optional<UserProfile> findByUsername(String username) {
    return Optional.ofNullable(byName.get(username)).map(byId::get);
  }

  @Override
  public synchronized List<UserProfile> findByIds(List<String> ids) {
    return ids.stream().map(byId::get).filter(p -> p != null).toList();
  }

  @Override
  public synchronized Optional<UserProfile> update(String id, ProfileUpdate u, long nowMs) {
    UserProfile p = byId.get(id);
    if (p == null) {
      return Optional.empty();
    }
    UserProfile n =
        new UserProfile(
            id,
            p.username(),
            u.displayName() == null ? p.displayName() : u.displayName(),
            u.bio() == null ? p.bio() : u.bio(),
            p.createdAtMs(),
            nowMs);
    byId.put(id, n);
    return Optional.of(n);
  }

  @Override
  public synchronized boolean delete(String id) {
    UserProfile p = byId.remove(id);
    if (p != null) {
      byName.remove(p.username());
    }
    return p != null;
  }

  @Override
  public synchronized List<EnsuredUser> ensure(List<String> usernames, long nowMs) {
    List<EnsuredUser> out = new ArrayList<>();
    for (String name : usernames) {
      String id = byName.get(name);
      if (id != null) {
        out.add(new EnsuredUser(name, id, false));
      } else {
        out.add(new EnsuredUser(name, create(name, name, "", nowMs).orElseThrow().id(), true));
      }
    }
    return out;
  }
}
