package vent.provider.auth.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.client.codec.StringCodec;
import vent.common.testing.RedisExtension;
import vent.provider.auth.domain.Credential;

class RedisCredentialRepositoryTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension();

  private RedisCredentialRepository repo;

  @BeforeEach
  void setUp() {
    repo = new RedisCredentialRepository(REDIS.client());
  }

  @Test
  void writesBothLookupsInTheDocumentedLayout() {
    repo.create(new Credential("7", "alice", "$2b$10$hash", 1234L));

    assertThat(REDIS.client().<String, String>getMap("vent:auth:cred:alice", StringCodec.INSTANCE).readAllMap())
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("userId", "7", "hash", "$2b$10$hash", "changedAtMs", "1234", "ver", "1"));
    assertThat(REDIS.client().<String>getBucket("vent:auth:user-cred:7", StringCodec.INSTANCE).get()).isEqualTo("alice");
    assertThat(REDIS.client().getKeys().remainTimeToLive("vent:auth:cred:alice")).isEqualTo(-1);
    assertThat(repo.findByUsername("ALICE")).contains(new Credential("7", "alice", "$2b$10$hash", 1234L));
    assertThat(repo.findByUserId("7")).contains(new Credential("7", "alice", "$2b$10$hash", 1234L));
    assertThat(repo.findByUserId("8")).isEmpty();
  }

  @Test
  void replaceHashIsACompareAndSetOnTheVersionAndRaisesIt() {
    repo.create(new Credential("7", "alice", "h1", 1L));

    assertThat(repo.replaceHash("7", 2, "h2", 2L)).isFalse();
    assertThat(repo.replaceHash("7", 1, "h2", 2L)).isTrue();
    assertThat(repo.replaceHash("7", 1, "h3", 3L)).as("version 1 is spent").isFalse();
    assertThat(repo.replaceHash("8", 2, "h3", 3L)).isFalse();

    assertThat(repo.findByUserId("7")).contains(new Credential("7", "alice", "h2", 2L, 2));
  }

  @Test
  void retireRaisesTheVersionAndKeepsThePassword() {
    repo.create(new Credential("7", "alice", "h1", 1L));

    assertThat(repo.retire("7", 2)).isFalse();
    assertThat(repo.retire("7", 1)).isTrue();
    assertThat(repo.retire("7", 1)).isFalse();

    assertThat(repo.findByUserId("7")).contains(new Credential("7", "alice", "h1", 1L, 2));
  }

  @Test
  void aCredentialStoredWithoutAVersionIsAtTheFirstOne() {
    REDIS.client().<String, String>getMap("vent:auth:cred:alice", StringCodec.INSTANCE)
        .putAll(java.util.Map.of("userId", "7", "hash", "h1", "changedAtMs", "1"));
    REDIS.client().<String>getBucket("vent:auth:user-cred:7", StringCodec.INSTANCE).set("alice");

    assertThat(repo.findByUserId("7")).get().extracting(Credential::version).isEqualTo(Credential.FIRST_VERSION);
    assertThat(repo.replaceHash("7", Credential.FIRST_VERSION, "h2", 2L)).isTrue();
    assertThat(repo.findByUserId("7")).get().extracting(Credential::version).isEqualTo(Credential.FIRST_VERSION + 1);
  }

  @Test
  void staleCredentialOfAGoneUserIsReplacedWithItsReverseLookup() {
    repo.create(new Credential("7", "alice", "old", 1L));

    repo.create(new Credential("9", "alice", "new", 2L));

    assertThat(repo.findByUsername("alice")).get().extracting(Credential::userId).isEqualTo("9");
    assertThat(repo.findByUserId("7")).isEmpty();
    assertThat(REDIS.client().getKeys().countExists("vent:auth:user-cred:7")).isZero();
    // The old user's id can no longer change the new user's password.
    assertThat(repo.replaceHash("7", 1, "evil", 3L)).isFalse();
  }

  @Test
  void deleteIsIdempotentAndSparesAnotherUsersCredential() {
    repo.create(new Credential("7", "alice", "h", 1L));
    repo.delete("7");
    repo.delete("7");

    assertThat(repo.findByUsername("alice")).isEmpty();
    assertThat(REDIS.client().getKeys().count()).isZero();
  }
}
