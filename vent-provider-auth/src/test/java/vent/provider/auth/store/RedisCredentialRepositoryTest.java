package vent.provider.auth.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import vent.common.testing.RedisTestSupport;
import vent.provider.auth.domain.Credential;

class RedisCredentialRepositoryTest {

  private static RedissonClient redis;
  private RedisCredentialRepository repo;

  @BeforeAll
  static void connect() {
    redis = RedisTestSupport.newClient();
  }

  @AfterAll
  static void disconnect() {
    redis.shutdown();
  }

  @BeforeEach
  void flush() {
    redis.getKeys().flushall();
    repo = new RedisCredentialRepository(redis);
  }

  @Test
  void writesBothLookupsInTheDocumentedLayout() {
    repo.create(new Credential("7", "alice", "$2b$10$hash", 1234L));

    assertThat(redis.<String, String>getMap("vent:auth:cred:alice", StringCodec.INSTANCE).readAllMap())
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("userId", "7", "hash", "$2b$10$hash", "changedAtMs", "1234"));
    assertThat(redis.<String>getBucket("vent:auth:user-cred:7", StringCodec.INSTANCE).get()).isEqualTo("alice");
    assertThat(redis.getKeys().remainTimeToLive("vent:auth:cred:alice")).isEqualTo(-1);
    assertThat(repo.findByUsername("ALICE")).contains(new Credential("7", "alice", "$2b$10$hash", 1234L));
    assertThat(repo.findByUserId("7")).contains(new Credential("7", "alice", "$2b$10$hash", 1234L));
    assertThat(repo.findByUserId("8")).isEmpty();
  }

  @Test
  void replaceHashIsACompareAndSet() {
    repo.create(new Credential("7", "alice", "h1", 1L));

    assertThat(repo.replaceHash("7", "h0", "h2", 2L)).isFalse();
    assertThat(repo.replaceHash("7", "h1", "h2", 2L)).isTrue();
    assertThat(repo.replaceHash("8", "h2", "h3", 3L)).isFalse();

    assertThat(repo.findByUserId("7")).contains(new Credential("7", "alice", "h2", 2L));
  }

  @Test
  void staleCredentialOfAGoneUserIsReplacedWithItsReverseLookup() {
    repo.create(new Credential("7", "alice", "old", 1L));

    repo.create(new Credential("9", "alice", "new", 2L));

    assertThat(repo.findByUsername("alice")).get().extracting(Credential::userId).isEqualTo("9");
    assertThat(repo.findByUserId("7")).isEmpty();
    assertThat(redis.getKeys().countExists("vent:auth:user-cred:7")).isZero();
    // The old user's id can no longer change the new user's password.
    assertThat(repo.replaceHash("7", "new", "evil", 3L)).isFalse();
  }

  @Test
  void deleteIsIdempotentAndSparesAnotherUsersCredential() {
    repo.create(new Credential("7", "alice", "h", 1L));
    repo.delete("7");
    repo.delete("7");

    assertThat(repo.findByUsername("alice")).isEmpty();
    assertThat(redis.getKeys().count()).isZero();
  }
}
