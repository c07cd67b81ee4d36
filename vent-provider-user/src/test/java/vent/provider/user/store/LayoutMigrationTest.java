package vent.provider.user.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import vent.common.events.OutboxRelay;
import vent.common.testing.RedisExtension;
import vent.provider.user.domain.UserProfile;

/** A data set written in the single-node layout is readable and writable after the migration. */
class LayoutMigrationTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private static RedisUserRepository repo;

  @BeforeAll
  static void setUp() {
    repo = new RedisUserRepository(REDIS.client(), new OutboxRelay(REDIS.client(), "user"), 4);
  }

  @Test
  void movesEveryUserAndIsIdempotent() {
    RedissonClient redis = REDIS.client();
    for (int id = 1; id <= 1203; id++) {
      oldUser(Integer.toString(id), "u" + id);
    }
    redis.getAtomicLong(UserKeys.ID_SEQ).set(1203);

    assertThat(new LayoutMigration(redis).run()).isEqualTo(1203);
    assertThat(new LayoutMigration(redis).run()).as("second run").isZero();

    assertThat(redis.getKeys().countExists(LayoutMigration.OLD_INDEX)).isZero();
    assertThat(redis.getKeys().countExists(LayoutMigration.oldProfile("7"))).isZero();
    assertThat(repo.findByUsername("u7"))
        .contains(new UserProfile("7", "u7", "U u7", "bio of u7", 100L, 200L));
    assertThat(repo.findByIds(List.of("1", "1203", "600"))).hasSize(3);
    assertThat(repo.create("u7", "Again", "", 1L)).as("names stay taken").isEmpty();
    assertThat(Long.parseLong(repo.create("fresh", "Fresh", "", 1L).orElseThrow().id()))
        .as("the id sequence goes on")
        .isGreaterThan(1203);
    assertThat(repo.delete("7")).isTrue();
    assertThat(repo.create("u7", "New", "", 1L)).as("a deleted user frees the name").isPresent();
  }

  @Test
  void resumesAHalfMigratedDataSet() {
    RedissonClient redis = REDIS.client();
    oldUser("1", "alice");
    oldUser("2", "bob");
    // A run stopped after writing alice's new keys, before deleting her old ones; bob then changed
    // nothing. The new profile wins over the old copy.
    redis
        .<String, String>getMap(UserKeys.profile("1"), StringCodec.INSTANCE)
        .putAll(Map.of("id", "1", "username", "alice", "displayName", "Kept"));

    assertThat(new LayoutMigration(redis).run()).isEqualTo(2);

    assertThat(repo.findByUsername("alice").orElseThrow().displayName()).isEqualTo("Kept");
    assertThat(repo.findByUsername("bob").orElseThrow().id()).isEqualTo("2");
  }

  private static void oldUser(String id, String name) {
    REDIS
        .client()
        .<String, String>getMap(LayoutMigration.oldProfile(id), StringCodec.INSTANCE)
        .putAll(
            Map.of(
                "id",
                id,
                "username",
                name,
                "displayName",
                "U " + name,
                "bio",
                "bio of " + name,
                "createdAtMs",
                "100",
                "updatedAtMs",
                "200"));
    REDIS
        .client()
        .<String, String>getMap(LayoutMigration.OLD_INDEX, StringCodec.INSTANCE)
        .put(name, id);
  }
}
