package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.stack.LiveTree;
import vent.web.it.fuzz.RedisProbe;

/**
 * What a local user without the stack's credentials can do to a stack started with the launcher's
 * defaults: read nothing in its state dir, run nothing on Redis, read no Consul key and register no
 * fake provider. And what the services' own Redis users cannot do: reach another service's keys,
 * above all the auth provider's signing keys.
 */
@SharedStack
class SecretsAtRestIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Stack stack;

  @BeforeAll
  static void stack(Stack shared) {
    stack = shared;
  }

  @Test
  void theStateDirIsOwnerOnly() throws IOException {
    Path state = stack.state();
    assertThat(Files.getPosixFilePermissions(state))
        .as("state dir")
        .containsExactlyInAnyOrder(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE);
    // prometheus.yml holds the processes' Consul token (the shared stack runs Prometheus).
    for (String secretFile :
        List.of("secrets.env", "run/stack.env", "consul.json", "redis.conf", "prometheus.yml")) {
      assertThat(Files.getPosixFilePermissions(state.resolve(secretFile)))
          .as(secretFile)
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
    List<Path> all = LiveTree.paths(state);
    assertThat(all)
        .as("files under the state dir, Redis's AOF and the logs included")
        .anyMatch(p -> p.toString().contains("appendonlydir"))
        .anyMatch(p -> p.toString().endsWith("web.log"));
    for (Path p : all) {
      Set<PosixFilePermission> perms;
      try {
        perms = Files.getPosixFilePermissions(p);
      } catch (NoSuchFileException replaced) {
        continue; // a temporary file renamed over since the walk: its final name is checked
      }
      assertThat(perms)
          .as("%s: nobody but the owner", p)
          .doesNotContain(
              PosixFilePermission.GROUP_READ,
              PosixFilePermission.GROUP_WRITE,
              PosixFilePermission.OTHERS_READ,
              PosixFilePermission.OTHERS_WRITE,
              PosixFilePermission.OTHERS_EXECUTE);
    }
  }

  @Test
  void redisRefusesAClientWithoutCredentials() {
    assertThatThrownBy(
            () ->
                new RedisProbe(stack.settings().redisPort(), "default", "")
                    .call("GET", "vent:auth:{jwk}:jwks"))
        .hasMessageContaining("WRONGPASS");
    assertThatThrownBy(
            () ->
                new RedisProbe(stack.settings().redisPort(), "vent-web", "0".repeat(64))
                    .call("PING"))
        .hasMessageContaining("WRONGPASS");
  }

  @Test
  void onlyTheAuthProviderReadsTheSigningKeys() {
    RedisProbe auth = probe("auth");
    assertThat(auth.call("HLEN", "vent:auth:{jwk}:jwks"))
        .as("keys the auth provider sees")
        .isNotEqualTo(0L);
    for (String other : List.of("web", "user", "relation", "captcha")) {
      assertThatThrownBy(() -> probe(other).call("HGETALL", "vent:auth:{jwk}:jwks"))
          .as("vent-%s reading the signing keys", other)
          .hasMessageContaining("NOPERM");
    }
    // Each service reaches its own keys and streams only, and no service lists key names.
    assertThat(probe("user").call("TYPE", "vent:user:id-seq")).isIn("none", "string");
    assertThatThrownBy(() -> probe("user").call("GET", "vent:captcha:x"))
        .hasMessageContaining("NOPERM");
    assertThatThrownBy(() -> probe("captcha").call("HGETALL", "vent:user:{1}"))
        .hasMessageContaining("NOPERM");
    assertThatThrownBy(() -> probe("relation").call("SCAN", "0")).hasMessageContaining("NOPERM");
    // vent-web reads the user stream (deleted users) and writes nothing; the relation provider
    // consumes it but cannot add events to it.
    assertThat(probe("web").call("XRANGE", "vent:events:user:{user-0}", "-", "+", "COUNT", "1"))
        .isNotNull();
    assertThatThrownBy(
            () ->
                probe("web").call("XADD", "vent:events:user:{user-0}", "*", "type", "UserDeleted"))
        .hasMessageContaining("NOPERM");
    assertThatThrownBy(
            () ->
                probe("relation")
                    .call("XADD", "vent:events:user:{user-0}", "*", "type", "UserDeleted"))
        .hasMessageContaining("NOPERM");
    assertThat(stack.secret("REDIS_PASSWORD_admin")).isNotBlank();
  }

  @Test
  void consulRefusesAnonymousReadsAndRegistrations() throws Exception {
    String consul = stack.consul();
    HttpResponse<String> kv =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(consul + "/v1/kv/?recurse")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(kv.statusCode())
        .as("anonymous KV read: Consul hides what the token may not read")
        .isIn(403, 404);
    var prefixes = stack.settings().topology().kv();
    assertThat(kv.body())
        .doesNotContain(prefixes.sentinelRules())
        .doesNotContain(prefixes.config());
    HttpResponse<String> fake =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(consul + "/v1/agent/service/register"))
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"Name\":\"dev.vent.user.v1.UserService\",\"ID\":\"fake\",\"Port\":1,"
                            + "\"Tags\":[\"side=provider\"]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(fake.statusCode())
        .as("anonymous provider registration: " + fake.body())
        .isEqualTo(403);
    // Positive control: with the management token the same KV read answers.
    HttpResponse<String> operator =
        HTTP.send(
            stack.consulClient().request(URI.create(consul + "/v1/kv/?recurse")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(operator.statusCode()).isEqualTo(200);
    assertThat(operator.body()).contains(prefixes.sentinelRules());
  }

  private static RedisProbe probe(String service) {
    return new RedisProbe(
        stack.settings().redisPort(), "vent-" + service, stack.secret("REDIS_PASSWORD_" + service));
  }
}
