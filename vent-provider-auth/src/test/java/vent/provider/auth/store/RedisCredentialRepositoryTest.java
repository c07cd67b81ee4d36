package vent.provider.auth.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.client.codec.StringCodec;
import vent.common.testing.RedisExtension;
import vent.provider.auth.domain.Credential;

class RedisCredentialRepositoryTest {

  @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

  private RedisCredentialRepository repo;

  @BeforeEach
  void setUp() {
    repo = new RedisCredentialRepository(REDIS.client());
  }

  @Test
  void writesBothLookupsInTheDocumentedLayout() {
    repo.create(new Credential("7", "alice", "$2b$10$hash", 1234L));

    assertThat(
            REDIS
                .client()
                .<String, String>getMap("vent:auth:{7}:cred", StringCodec.INSTANCE)
                .readAllMap())
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of(
                "userId",
                "7",
                "username",
                "alice",
                "hash",
                "$2b$10$hash",
                "changedAtMs",
                "1234",
                "ver",
                "1"));
    assertThat(
            REDIS.client().<String>getBucket("vent:auth:name:{alice}", StringCodec.INSTANCE).get())
        .isEqualTo("7");
    assertThat(REDIS.client().getKeys().remainTimeToLive("vent:auth:{7}:cred")).isEqualTo(-1);
    assertThat(REDIS.client().getKeys().remainTimeToLive("vent:auth:name:{alice}")).isEqualTo(-1);
    assertThat(repo.findByUsername("ALICE"))
        .contains(new Credential("7", "alice", "$2b$10$hash", 1234L));
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
    REDIS
        .client()
        .<String, String>getMap("vent:auth:{7}:cred", StringCodec.INSTANCE)
        .putAll(
            java.util.Map.of("userId", "7", "username", "alice", "hash", "h1", "changedAtMs", "1"));
    REDIS.client().<String>getBucket("vent:auth:name:{alice}", StringCodec.INSTANCE).set("7");

    assertThat(repo.findByUserId("7"))
        .get()
        .extracting(Credential::version)
        .isEqualTo(Credential.FIRST_VERSION);
    assertThat(repo.replaceHash("7", Credential.FIRST_VERSION, "h2", 2L)).isTrue();
    assertThat(repo.findByUserId("7"))
        .get()
        .extracting(Credential::version)
        .isEqualTo(Credential.FIRST_VERSION + 1);
  }

  @Test
  void staleCredentialOfAGoneUserIsReplacedWithItsReverseLookup() {
    repo.create(new Credential("7", "alice", "old", 1L));

    repo.create(new Credential("9", "alice", "new", 2L));

    assertThat(repo.findByUsername("alice")).get().extracting(Credential::userId).isEqualTo("9");
    assertThat(repo.findByUserId("7")).isEmpty();
    assertThat(REDIS.client().getKeys().countExists("vent:auth:{7}:cred")).isZero();
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

  @Test
  void aPointerLeftWithoutItsCredentialReadsAsNone() {
    // A crash between the pointer and the credential, or between deleting them.
    REDIS.client().<String>getBucket("vent:auth:name:{bob}", StringCodec.INSTANCE).set("7");
    assertThat(repo.findByUsername("bob")).isEmpty();
    repo.create(new Credential("7", "alice", "h", 1L));
    assertThat(repo.findByUsername("bob")).as("7's credential is for alice").isEmpty();
    repo.create(new Credential("8", "bob", "h", 1L));
    assertThat(repo.findByUsername("bob")).get().extracting(Credential::userId).isEqualTo("8");
  }
}
