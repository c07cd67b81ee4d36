package vent.provider.user.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import vent.common.events.EventStreams;
import vent.common.events.OutboxRelay;
import vent.provider.user.domain.EnsuredUser;
import vent.provider.user.domain.ProfileUpdate;
import vent.provider.user.domain.UserProfile;
import vent.provider.user.domain.UserRepository;

/**
 * {@link UserRepository} on Redis through Redisson, in a layout where every script touches one hash
 * slot (module README): a profile and its event on the slot of {@code {<id>}}, a username's claim
 * on the slot of {@code {<name>}}.
 *
 * <p>Profile writes publish their event to the outbox of the profile's slot in the same script;
 * {@link OutboxRelay} moves it to the user's shard of {@link EventStreams#USER} right after.
 * Creating and deleting a user span two slots: see {@link UsernameClaims} for how a claim and a
 * profile are kept in agreement across crashes.
 */
public final class RedisUserRepository implements UserRepository {

  private final RedissonClient redis;
  private final RScript script;
  private final UsernameClaims claims;
  private final OutboxRelay relay;
  private final int shards;

  /**
   * @param redis a client; this repository does not close it
   * @param relay the relay of the {@code user} outboxes
   * @param shards shard count of the user event stream (configuration {@code events.shards})
   */
  public RedisUserRepository(RedissonClient redis, OutboxRelay relay, int shards) {
    this.redis = redis;
    this.script = redis.getScript(StringCodec.INSTANCE);
    this.claims = new UsernameClaims(redis);
    this.relay = relay;
    this.shards = shards;
  }

  @Override
  public Optional<UserProfile> create(String username, String displayName, String bio, long nowMs) {
    String id = Long.toString(redis.getAtomicLong(UserKeys.ID_SEQ).incrementAndGet());
    if (!claims.claim(username, id).equals(id)) {
      return Optional.empty();
    }
    try {
      writeProfile(id, username, displayName, bio, nowMs);
    } catch (RedisException e) {
      releaseQuietly(username, id);
      throw e;
    }
    if (!claims.confirm(username, id)) {
      // Slow enough for the claim to be taken over: the name is someone else's; undo.
      delete(id);
      return Optional.empty();
    }
    relay.relayAfterWrite(UserKeys.outbox(id));
    return Optional.of(new UserProfile(id, username, displayName, bio, nowMs, nowMs));
  }

  @Override
  public Optional<UserProfile> findById(String id) {
    return findByIds(List.of(id)).stream().findFirst();
  }

  @Override
  public Optional<UserProfile> findByUsername(String username) {
    return claims
        .owner(username)
        .flatMap(this::findById)
        // A claim left by a delete or a crash may name a profile of another name, or none.
        .filter(p -> p.username().equals(username));
  }

  @Override
  public List<UserProfile> findByIds(List<String> ids) {
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    List<RFuture<Map<String, String>>> reads = new ArrayList<>(ids.size());
    for (String id : ids) {
      reads.add(
          batch
              .<String, String>getMap(UserKeys.profile(id), StringCodec.INSTANCE)
              .readAllMapAsync());
    }
    batch.execute();
    List<UserProfile> found = new ArrayList<>(ids.size());
    for (RFuture<Map<String, String>> read : reads) {
      Map<String, String> h = read.toCompletableFuture().join();
      if (h.containsKey("id")) {
        found.add(
            profile(
                h.get("id"),
                h.get("username"),
                h.get("displayName"),
                h.get("bio"),
                h.get("createdAtMs"),
                h.get("updatedAtMs")));
      }
    }
    return found;
  }

  @Override
  public Optional<UserProfile> update(String id, ProfileUpdate update, long nowMs) {
    List<Object> v =
        script.eval(
            Mode.READ_WRITE,
            UserScripts.UPDATE,
            ReturnType.LIST,
            List.of(UserKeys.profile(id), UserKeys.outbox(id)),
            Long.toString(nowMs),
            flag(update.displayName()),
            orEmpty(update.displayName()),
            flag(update.bio()),
            orEmpty(update.bio()),
            shard(id));
    if (String.valueOf(v.get(0)).isEmpty()) {
      return Optional.empty();
    }
    relay.relayAfterWrite(UserKeys.outbox(id));
    String[] f = v.stream().map(String::valueOf).toArray(String[]::new);
    return Optional.of(profile(f[0], f[1], f[2], f[3], f[4], f[5]));
  }

  @Override
  public boolean delete(String id) {
    String username =
        script.eval(
            Mode.READ_WRITE,
            UserScripts.DELETE,
            ReturnType.VALUE,
            List.of(UserKeys.profile(id), UserKeys.outbox(id)),
            id,
            shard(id));
    if (username == null) {
      return false;
    }
    relay.relayAfterWrite(UserKeys.outbox(id));
    // A crash before this leaves a claim without a profile, which the next claimant takes over.
    claims.release(username, id);
    return true;
  }

  /**
   * Batched get-or-create: one batch reads the claims, one INCRBY allocates ids for the unclaimed
   * names, one batch claims them, one writes the profiles of the names won and one confirms them. A
   * name another call claimed first keeps that call's id; ids allocated for names lost to a race
   * stay unused.
   */
  @Override
  public List<EnsuredUser> ensure(List<String> usernames, long nowMs) {
    Map<String, String> owners = new LinkedHashMap<>();
    RBatch reads = redis.createBatch(BatchOptions.defaults());
    List<RFuture<String>> ids = new ArrayList<>(usernames.size());
    for (String name : usernames) {
      ids.add(
          reads.<String, String>getMap(UserKeys.name(name), StringCodec.INSTANCE).getAsync("id"));
    }
    reads.execute();
    RBatch exists = redis.createBatch(BatchOptions.defaults());
    List<RFuture<Long>> profiles = new ArrayList<>(usernames.size());
    for (RFuture<String> id : ids) {
      String claimed = id.toCompletableFuture().join();
      profiles.add(
          claimed == null ? null : exists.getKeys().countExistsAsync(UserKeys.profile(claimed)));
    }
    exists.execute();
    List<String> free = new ArrayList<>();
    for (int i = 0; i < usernames.size(); i++) {
      if (profiles.get(i) != null && profiles.get(i).toCompletableFuture().join() > 0) {
        owners.put(usernames.get(i), ids.get(i).toCompletableFuture().join());
      } else {
        // Unclaimed, or a claim whose creator is still at work or died: the claim path decides.
        free.add(usernames.get(i));
      }
    }
    Set<String> created = claimAndCreate(free, nowMs, owners);
    List<EnsuredUser> out = new ArrayList<>(usernames.size());
    for (String name : usernames) {
      out.add(new EnsuredUser(name, owners.get(name), created.contains(name)));
    }
    return out;
  }

  /** Claims {@code names} with fresh ids and creates the profiles of those won. */
  private Set<String> claimAndCreate(List<String> names, long nowMs, Map<String, String> owners) {
    Set<String> created = new LinkedHashSet<>();
    if (names.isEmpty()) {
      return created;
    }
    long last = redis.getAtomicLong(UserKeys.ID_SEQ).addAndGet(names.size());
    List<String> fresh = new ArrayList<>(names.size());
    RBatch claimBatch = redis.createBatch(BatchOptions.defaults());
    List<RFuture<List<Object>>> replies = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      String id = Long.toString(last - names.size() + 1 + i);
      fresh.add(id);
      replies.add(claims.claimAsync(claimBatch, names.get(i), id));
    }
    claimBatch.execute();
    List<String> won = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String owner = claims.settle(name, fresh.get(i), replies.get(i).toCompletableFuture().join());
      owners.put(name, owner);
      if (owner.equals(fresh.get(i))) {
        won.add(name);
      }
    }
    RBatch profiles = redis.createBatch(BatchOptions.defaults());
    for (String name : won) {
      String id = owners.get(name);
      profiles
          .getScript(StringCodec.INSTANCE)
          .evalAsync(
              Mode.READ_WRITE,
              UserScripts.PROFILE_CREATE,
              ReturnType.LONG,
              List.of(UserKeys.profile(id), UserKeys.outbox(id)),
              id,
              name,
              name,
              "",
              Long.toString(nowMs),
              shard(id));
    }
    profiles.execute();
    RBatch confirms = redis.createBatch(BatchOptions.defaults());
    for (String name : won) {
      confirms
          .getScript(StringCodec.INSTANCE)
          .evalAsync(
              Mode.READ_WRITE,
              UserScripts.NAME_CONFIRM,
              ReturnType.LONG,
              List.of(UserKeys.name(name)),
              owners.get(name));
    }
    confirms.execute();
    Set<String> outboxes = new LinkedHashSet<>();
    for (String name : won) {
      outboxes.add(UserKeys.outbox(owners.get(name)));
      created.add(name);
    }
    // One bulk relay (three pipelined round trips) rather than four round trips per new user.
    relay.relayAfterWrite(outboxes);
    return created;
  }

  private void writeProfile(String id, String username, String displayName, String bio, long ms) {
    script.eval(
        Mode.READ_WRITE,
        UserScripts.PROFILE_CREATE,
        ReturnType.LONG,
        List.of(UserKeys.profile(id), UserKeys.outbox(id)),
        id,
        username,
        displayName,
        bio,
        Long.toString(ms),
        shard(id));
  }

  private void releaseQuietly(String username, String id) {
    try {
      claims.release(username, id);
    } catch (RedisException e) {
      // Left to the stale-claim takeover.
    }
  }

  private String shard(String id) {
    return EventStreams.shardFor(EventStreams.USER, id, shards);
  }

  private static UserProfile profile(
      String id, String username, String displayName, String bio, String created, String updated) {
    return new UserProfile(
        id, username, displayName, orEmpty(bio), parseLong(created), parseLong(updated));
  }

  private static long parseLong(String s) {
    return s == null || s.isEmpty() ? 0L : Long.parseLong(s);
  }

  private static String flag(String value) {
    return value == null ? "0" : "1";
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
