package vent.provider.auth.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.client.codec.StringCodec;
import vent.common.testing.RedisExtension;
import vent.provider.auth.domain.Credential;
import vent.provider.auth.domain.NewSession;
import vent.provider.auth.domain.Rotation;

class RedisSessionRepositoryTest {

  private static final long TTL_MS = 60_000;
  @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

  private RedisSessionRepository repo;
  private RedisCredentialRepository credentials;

  @BeforeEach
  void setUp() {
    repo = new RedisSessionRepository(REDIS.client());
    credentials = new RedisCredentialRepository(REDIS.client());
    credentials.create(new Credential("7", "alice", "h", 1L));
    credentials.create(new Credential("8", "bob", "h", 1L));
  }

  /** Opens a session against the user's current credential, which must succeed. */
  private void open(String sid, String userId, String refreshHash, long createdAtMs) {
    long version = credentials.findByUserId(userId).orElseThrow().version();
    assertThat(repo.open(new NewSession(sid, userId, refreshHash, createdAtMs, TTL_MS, version)))
        .isTrue();
  }

  @Test
  void openStoresNothingUnlessTheCredentialIsStillAtTheCheckedVersion() {
    assertThat(credentials.replaceHash("7", Credential.FIRST_VERSION, "h2", 2L)).isTrue();
    assertThat(repo.open(new NewSession("s1", "7", "h1", 1L, TTL_MS, Credential.FIRST_VERSION)))
        .as("password changed since the check")
        .isFalse();
    assertThat(repo.open(new NewSession("s2", "9", "h2", 1L, TTL_MS, Credential.FIRST_VERSION)))
        .as("no credential")
        .isFalse();
    credentials.create(new Credential("10", "alice", "h3", 3L));
    assertThat(repo.open(new NewSession("s3", "7", "h3", 1L, TTL_MS, Credential.FIRST_VERSION + 1)))
        .as("the username now belongs to another user")
        .isFalse();
    credentials.delete("8");
    assertThat(repo.open(new NewSession("s4", "8", "h4", 1L, TTL_MS, Credential.FIRST_VERSION)))
        .as("credential deleted")
        .isFalse();

    assertThat(REDIS.client().getKeys().getKeysStreamByPattern("vent:auth:*", 100))
        .as("nothing but credentials")
        .allMatch(k -> k.endsWith("}:cred") || k.startsWith("vent:auth:name:"));
  }

  @Test
  void openWritesSessionRefreshMappingAndMembershipWithTtls() {
    open("s1", "7", "h1", 1000L);

    assertThat(
            REDIS
                .client()
                .<String, String>getMap("vent:auth:{7}:session:s1", StringCodec.INSTANCE)
                .readAllMap())
        .containsEntry("userId", "7")
        .containsEntry("refreshHash", "h1")
        .containsEntry("createdAtMs", "1000")
        .containsEntry("expiresAtMs", String.valueOf(1000L + TTL_MS));
    assertThat(
            REDIS
                .client()
                .<String>getBucket("vent:auth:{7}:refresh:h1", StringCodec.INSTANCE)
                .get())
        .isEqualTo("s1");
    assertThat(
            REDIS.client().<String>getSet("vent:auth:{7}:sessions", StringCodec.INSTANCE).readAll())
        .containsExactly("s1");
    for (String key :
        new String[] {
          "vent:auth:{7}:session:s1", "vent:auth:{7}:refresh:h1", "vent:auth:{7}:sessions"
        }) {
      assertThat(REDIS.client().getKeys().remainTimeToLive(key))
          .as(key)
          .isBetween(TTL_MS - 5000, TTL_MS);
    }
  }

  @Test
  void rotateThenReuseThenUnknown() {
    open("s1", "7", "h1", 1000L);

    assertThat(repo.rotate("7", "h1", "h2", 2000L, TTL_MS))
        .isEqualTo(new Rotation(Rotation.Outcome.ROTATED, "s1", "7"));
    assertThat(
            REDIS
                .client()
                .<String, String>getMap("vent:auth:{7}:session:s1", StringCodec.INSTANCE)
                .get("refreshHash"))
        .isEqualTo("h2");

    assertThat(repo.rotate("7", "h1", "h3", 3000L, TTL_MS))
        .isEqualTo(new Rotation(Rotation.Outcome.REUSED, "s1", "7"));
    assertThat(repo.rotate("7", "h2", "h4", 3000L, TTL_MS).outcome())
        .isEqualTo(Rotation.Outcome.UNKNOWN);
    assertThat(
            REDIS
                .client()
                .getKeys()
                .countExists(
                    "vent:auth:{7}:session:s1",
                    "vent:auth:{7}:refresh:h2", "vent:auth:{7}:refresh:h3"))
        .isZero();
    assertThat(
            REDIS.client().<String>getSet("vent:auth:{7}:sessions", StringCodec.INSTANCE).readAll())
        .isEmpty();
  }

  @Test
  void endAllEndsEverySessionOfTheUserOnly() {
    open("s1", "7", "h1", 1L);
    open("s2", "7", "h2", 1L);
    open("s3", "8", "h3", 1L);

    assertThat(repo.endAll("7")).isEqualTo(2);
    assertThat(repo.endAll("7")).isZero();

    assertThat(repo.rotate("7", "h1", "x", 2L, TTL_MS).outcome())
        .isEqualTo(Rotation.Outcome.UNKNOWN);
    assertThat(repo.rotate("7", "h2", "y", 2L, TTL_MS).outcome())
        .isEqualTo(Rotation.Outcome.UNKNOWN);
    assertThat(repo.rotate("8", "h3", "z", 2L, TTL_MS).outcome())
        .isEqualTo(Rotation.Outcome.ROTATED);
  }

  @Test
  void openPrunesEndedSessionsFromTheUsersSet() {
    open("s1", "7", "h1", 1L);
    REDIS.client().getKeys().delete("vent:auth:{7}:session:s1");

    open("s2", "7", "h2", 1L);

    assertThat(
            REDIS.client().<String>getSet("vent:auth:{7}:sessions", StringCodec.INSTANCE).readAll())
        .containsExactly("s2");
  }

  @Test
  void endChecksTheOwner() {
    open("s1", "7", "h1", 1L);

    assertThat(repo.end("s1", "8")).isFalse();
    assertThat(repo.end("s1", "7")).isTrue();
    assertThat(repo.end("s1", "7")).isFalse();
    assertThat(
            REDIS
                .client()
                .getKeys()
                .countExists(
                    "vent:auth:{7}:session:s1",
                    "vent:auth:{7}:refresh:h1", "vent:auth:{7}:sessions"))
        .isZero();
  }
}
