package vent.provider.user.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.client.codec.StringCodec;
import vent.common.events.EventStreams;
import vent.common.events.OutboxRelay;
import vent.common.testing.RedisExtension;
import vent.provider.user.domain.EnsuredUser;
import vent.provider.user.domain.ProfileUpdate;
import vent.provider.user.domain.UserProfile;

class RedisUserRepositoryTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private static RedisUserRepository repo;

  @BeforeAll
  static void setUp() {
    repo = new RedisUserRepository(REDIS.client(), new OutboxRelay(REDIS.client(), "user"), 4);
  }

  @Test
  void createThenReadByIdAndUsername() {
    UserProfile p = repo.create("alice", "Alice ✨", "line1\nline2", 1000L).orElseThrow();
    assertThat(p.id()).isEqualTo("1");
    assertThat(repo.findById(p.id())).contains(p);
    assertThat(repo.findByUsername("alice")).contains(p);
    assertThat(repo.findById("2")).isEmpty();
    assertThat(repo.findByUsername("bob")).isEmpty();
    Map<String, String> hash = REDIS.client().<String, String>getMap("vent:user:{1}").readAllMap();
    assertThat(hash)
        .containsEntry("username", "alice")
        .containsEntry("displayName", "Alice ✨")
        .containsEntry("createdAtMs", "1000")
        .containsEntry("updatedAtMs", "1000");
  }

  @Test
  void duplicateUsernameLeavesNoHalfState() {
    UserProfile first = repo.create("bob", "Bob", "", 1L).orElseThrow();
    assertThat(repo.create("bob", "Impostor", "", 2L)).isEmpty();
    String shard = EventStreams.shardFor(EventStreams.USER, first.id(), 4);
    assertThat(REDIS.client().getKeys().getKeysStream().filter(k -> !isEmptyOutbox(k)).toList())
        .containsExactlyInAnyOrder(
            "vent:user:id-seq", "vent:user:name:{bob}", "vent:user:{" + first.id() + "}", shard);
    assertThat(REDIS.client().getStream(shard).size())
        .as("only the first create's event")
        .isEqualTo(1);
    assertThat(REDIS.client().<String, String>getMap("vent:user:name:{bob}").readAllMap())
        .containsEntry("id", first.id())
        .containsEntry("confirmed", "1");
    assertThat(repo.findByUsername("bob")).contains(first);
  }

  @Test
  void updateChangesFieldsButNeverResurrects() {
    UserProfile p = repo.create("carol", "Carol", "old", 1L).orElseThrow();
    UserProfile u = repo.update(p.id(), new ProfileUpdate(null, "new"), 5L).orElseThrow();
    assertThat(u).isEqualTo(new UserProfile(p.id(), "carol", "Carol", "new", 1L, 5L));
    assertThat(repo.update(p.id(), new ProfileUpdate("C", ""), 6L).orElseThrow())
        .isEqualTo(new UserProfile(p.id(), "carol", "C", "", 1L, 6L));
    assertThat(repo.delete(p.id())).isTrue();
    assertThat(repo.update(p.id(), new ProfileUpdate("Ghost", null), 7L)).isEmpty();
    assertThat(REDIS.client().getKeys().countExists("vent:user:{" + p.id() + "}")).isZero();
  }

  @Test
  void deleteFreesTheUsername() {
    UserProfile p = repo.create("dave", "Dave", "", 1L).orElseThrow();
    assertThat(repo.delete(p.id())).isTrue();
    assertThat(repo.delete(p.id())).isFalse();
    assertThat(repo.findById(p.id())).isEmpty();
    assertThat(repo.findByUsername("dave")).isEmpty();
    assertThat(REDIS.client().getMap("vent:user:name:{dave}").isExists()).isFalse();
    UserProfile again = repo.create("dave", "Dave 2", "", 2L).orElseThrow();
    assertThat(again.id()).isNotEqualTo(p.id());
    assertThat(repo.findByUsername("dave")).contains(again);
  }

  @Test
  void batchGetKeepsOrderAndDuplicatesAndOmitsUnknown() {
    String a = repo.create("aaa", "A", "", 1L).orElseThrow().id();
    String b = repo.create("bbb", "B", "", 1L).orElseThrow().id();
    String c = repo.create("ccc", "C", "", 1L).orElseThrow().id();
    List<UserProfile> got = repo.findByIds(List.of(c, "999", a, c, b));
    assertThat(got).extracting(UserProfile::id).containsExactly(c, a, c, b);
    assertThat(got).extracting(UserProfile::username).containsExactly("ccc", "aaa", "ccc", "bbb");
    assertThat(repo.findByIds(List.of("998", "999"))).isEmpty();
  }

  @Test
  void ensureIsIdempotent() {
    repo.create("existing", "Existing", "bio", 1L);
    List<String> names = List.of("existing", "new_one", "new_two");
    List<EnsuredUser> first = repo.ensure(names, 10L);
    assertThat(first).extracting(EnsuredUser::created).containsExactly(false, true, true);
    List<EnsuredUser> second = repo.ensure(names, 20L);
    assertThat(second).extracting(EnsuredUser::created).containsOnly(false);
    assertThat(second)
        .extracting(EnsuredUser::id)
        .isEqualTo(first.stream().map(EnsuredUser::id).toList());
    UserProfile created = repo.findByUsername("new_one").orElseThrow();
    assertThat(created)
        .isEqualTo(new UserProfile(first.get(1).id(), "new_one", "new_one", "", 10L, 10L));
    assertThat(repo.findByUsername("existing").orElseThrow().displayName()).isEqualTo("Existing");
  }

  @Test
  void ensureOfAThousandNamesInOneCall() {
    List<String> names = IntStream.range(0, 1000).mapToObj(i -> "u" + i + "_x").toList();
    List<EnsuredUser> out = repo.ensure(names, 1L);
    assertThat(out).hasSize(1000).allMatch(EnsuredUser::created);
    assertThat(out.stream().map(EnsuredUser::id).distinct()).hasSize(1000);
    assertThat(repo.findByIds(out.stream().limit(500).map(EnsuredUser::id).toList())).hasSize(500);
  }

  @Test
  void concurrentEnsureAgreesOnOneIdPerName() throws Exception {
    List<String> names = IntStream.range(0, 300).mapToObj(i -> "c" + i + "_name").toList();
    List<String> reversed = new ArrayList<>(names);
    java.util.Collections.reverse(reversed);
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<List<EnsuredUser>> forward =
          () -> {
            start.await();
            return repo.ensure(names, 1L);
          };
      Callable<List<EnsuredUser>> backward =
          () -> {
            start.await();
            return repo.ensure(reversed, 1L);
          };
      Future<List<EnsuredUser>> f1 = pool.submit(forward);
      Future<List<EnsuredUser>> f2 = pool.submit(backward);
      List<EnsuredUser> r1 = f1.get();
      List<EnsuredUser> r2 = f2.get();
      Map<String, String> ids1 = toMap(r1);
      assertThat(toMap(r2)).isEqualTo(ids1);
      long created =
          r1.stream().filter(EnsuredUser::created).count()
              + r2.stream().filter(EnsuredUser::created).count();
      assertThat(created).isEqualTo(300);
      assertThat(repo.findByIds(List.copyOf(ids1.values()))).hasSize(300);
      for (String name : names) {
        assertThat(repo.findByUsername(name).orElseThrow().id()).isEqualTo(ids1.get(name));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aStaleClaimWithoutProfileIsTakenOver() {
    // Left by a creator that died before its profile, or a delete that died before releasing.
    for (String confirmed : List.of("0", "1")) {
      String name = "orphan" + confirmed;
      claim(name, "77", confirmed, System.currentTimeMillis() - 60_000);
      UserProfile p = repo.create(name, "New", "", 1L).orElseThrow();
      assertThat(repo.findByUsername(name)).contains(p);
      assertThat(claimOf(name)).containsEntry("id", p.id()).containsEntry("confirmed", "1");
    }
  }

  @Test
  void aYoungClaimBlocksTheName() {
    // Its creator may still be writing the profile.
    claim("busy", "77", "0", System.currentTimeMillis());
    assertThat(repo.create("busy", "Busy", "", 1L)).isEmpty();
    assertThat(repo.ensure(List.of("busy"), 1L))
        .containsExactly(new EnsuredUser("busy", "77", false));
    assertThat(claimOf("busy")).containsEntry("id", "77");
  }

  @Test
  void anOldClaimWhoseProfileExistsIsKeptAndConfirmed() {
    UserProfile owner = repo.create("kept", "Kept", "", 1L).orElseThrow();
    claim("kept", owner.id(), "0", System.currentTimeMillis() - 60_000);
    assertThat(repo.create("kept", "Thief", "", 2L)).isEmpty();
    assertThat(claimOf("kept")).containsEntry("id", owner.id()).containsEntry("confirmed", "1");
    assertThat(repo.findByUsername("kept")).contains(owner);
  }

  @Test
  void aSlowCreatorWhoseClaimWasTakenOverCannotConfirm() {
    UsernameClaims claims = new UsernameClaims(REDIS.client());
    claim("slow", "77", "0", System.currentTimeMillis() - 60_000);
    UserProfile taker = repo.create("slow", "Taker", "", 1L).orElseThrow();
    assertThat(claims.confirm("slow", "77")).isFalse();
    assertThat(repo.findByUsername("slow")).contains(taker);
  }

  @Test
  void aCreatorThatConfirmsBetweenReadAndTakeoverKeepsItsName() {
    UsernameClaims claims = new UsernameClaims(REDIS.client());
    claim("race", "77", "0", System.currentTimeMillis() - 60_000);
    List<Object> seenUnconfirmed = List.of("77", "0", "60000");
    // The creator of 77 writes its profile and confirms after the taker read the claim.
    assertThat(claims.confirm("race", "77")).isTrue();
    assertThat(claims.settle("race", "88", seenUnconfirmed)).isEqualTo("77");
    assertThat(claimOf("race")).containsEntry("id", "77");
  }

  @Test
  void aClaimNamingAnotherUsersProfileFindsNobody() {
    UserProfile eve = repo.create("eve", "Eve", "", 1L).orElseThrow();
    claim("mallory", eve.id(), "1", System.currentTimeMillis());
    assertThat(repo.findByUsername("mallory")).isEmpty();
  }

  private static void claim(String name, String id, String confirmed, long atMs) {
    REDIS
        .client()
        .<String, String>getMap("vent:user:name:{" + name + "}", StringCodec.INSTANCE)
        .putAll(Map.of("id", id, "confirmed", confirmed, "claimedAtMs", Long.toString(atMs)));
  }

  private static Map<String, String> claimOf(String name) {
    return REDIS
        .client()
        .<String, String>getMap("vent:user:name:{" + name + "}", StringCodec.INSTANCE)
        .readAllMap();
  }

  private static boolean isEmptyOutbox(String key) {
    return key.startsWith("vent:outbox:user:") && REDIS.client().getStream(key).size() == 0;
  }

  private static Map<String, String> toMap(List<EnsuredUser> users) {
    Map<String, String> m = new java.util.HashMap<>();
    users.forEach(u -> m.put(u.username(), u.id()));
    return m;
  }
}
