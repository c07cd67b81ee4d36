package vent.provider.user.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import vent.common.events.EventStreams;
import vent.provider.user.domain.EnsuredUser;
import vent.provider.user.domain.ProfileUpdate;
import vent.provider.user.domain.UserProfile;
import vent.provider.user.domain.UserRepository;

/**
 * {@link UserRepository} on Redis through Redisson. Every operation is one round trip: one Lua
 * script ({@link UserScripts}), so writes are atomic and reads see a consistent profile. Writes
 * publish their domain event to {@link EventStreams#USER} in the same script.
 */
public final class RedisUserRepository implements UserRepository {

  private static final int F = UserScripts.FIELDS.length;

  private final RScript script;

  /** @param redis a client; this repository does not close it */
  public RedisUserRepository(RedissonClient redis) {
    this.script = redis.getScript(StringCodec.INSTANCE);
  }

  @Override
  public Optional<UserProfile> create(String username, String displayName, String bio, long nowMs) {
    String id = script.eval(Mode.READ_WRITE, UserScripts.CREATE, ReturnType.VALUE,
        List.of(UserKeys.BY_USERNAME, UserKeys.ID_SEQ, EventStreams.USER),
        username, displayName, bio, Long.toString(nowMs), UserKeys.PROFILE_PREFIX);
    return id == null
        ? Optional.empty()
        : Optional.of(new UserProfile(id, username, displayName, bio, nowMs, nowMs));
  }

  @Override
  public Optional<UserProfile> findById(String id) {
    return findByIds(List.of(id)).stream().findFirst();
  }

  @Override
  public Optional<UserProfile> findByUsername(String username) {
    List<Object> fields = script.eval(Mode.READ_ONLY, UserScripts.GET_BY_USERNAME, ReturnType.LIST,
        List.of(UserKeys.BY_USERNAME), username, UserKeys.PROFILE_PREFIX);
    return parse(fields, 0);
  }

  @Override
  public List<UserProfile> findByIds(List<String> ids) {
    List<Object> keys = new ArrayList<>(ids.size());
    for (String id : ids) {
      keys.add(UserKeys.profile(id));
    }
    List<Object> fields = script.eval(Mode.READ_ONLY, UserScripts.BATCH_GET, ReturnType.LIST, keys);
    List<UserProfile> found = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      parse(fields, i * F).ifPresent(found::add);
    }
    return found;
  }

  @Override
  public Optional<UserProfile> update(String id, ProfileUpdate update, long nowMs) {
    List<Object> fields = script.eval(Mode.READ_WRITE, UserScripts.UPDATE, ReturnType.LIST,
        List.of(UserKeys.profile(id), EventStreams.USER),
        Long.toString(nowMs),
        flag(update.displayName()), orEmpty(update.displayName()),
        flag(update.bio()), orEmpty(update.bio()));
    return parse(fields, 0);
  }

  @Override
  public boolean delete(String id) {
    Long removed = script.eval(Mode.READ_WRITE, UserScripts.DELETE, ReturnType.LONG,
        List.of(UserKeys.profile(id), UserKeys.BY_USERNAME, EventStreams.USER), id);
    return removed != null && removed == 1L;
  }

  @Override
  public List<EnsuredUser> ensure(List<String> usernames, long nowMs) {
    Object[] args = new Object[usernames.size() + 2];
    args[0] = Long.toString(nowMs);
    args[1] = UserKeys.PROFILE_PREFIX;
    for (int i = 0; i < usernames.size(); i++) {
      args[i + 2] = usernames.get(i);
    }
    List<Object> reply = script.eval(Mode.READ_WRITE, UserScripts.ENSURE, ReturnType.LIST,
        List.of(UserKeys.BY_USERNAME, UserKeys.ID_SEQ, EventStreams.USER), args);
    List<EnsuredUser> out = new ArrayList<>(usernames.size());
    for (int i = 0; i < usernames.size(); i++) {
      out.add(new EnsuredUser(usernames.get(i), String.valueOf(reply.get(2 * i)),
          "1".equals(String.valueOf(reply.get(2 * i + 1)))));
    }
    return out;
  }

  /** Reads the profile at {@code fields[offset..offset+6)}; empty id means no profile. */
  private static Optional<UserProfile> parse(List<Object> fields, int offset) {
    String[] v = new String[F];
    for (int i = 0; i < F; i++) {
      Object o = fields.get(offset + i);
      v[i] = o == null ? "" : o.toString();
    }
    if (v[0].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new UserProfile(v[0], v[1], v[2], v[3], parseLong(v[4]), parseLong(v[5])));
  }

  private static long parseLong(String s) {
    return s.isEmpty() ? 0L : Long.parseLong(s);
  }

  private static String flag(String value) {
    return value == null ? "0" : "1";
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
