package vent.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyTest {

  static Path localYml() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.exists(d.resolve("stack/local.yml"))) {
        return d.resolve("stack/local.yml");
      }
    }
    throw new IllegalStateException("no stack/local.yml above " + Path.of("").toAbsolutePath());
  }

  @Test
  void theLocalTopologyIsValidAndTyped() {
    Topology t = Topology.load(localYml());
    assertThat(t.problems()).isEmpty();
    assertThat(t.providers())
        .extracting(Topology.Provider::name)
        .containsExactly("user", "relation", "auth", "captcha", "post");
    assertThat(t.provider("relation").service()).isEqualTo("dev.vent.relation.v1.RelationService");
    assertThat(t.provider("post").service()).isEqualTo("dev.vent.post.v1.PostService");
    assertThat(t.provider("captcha").testAnswer()).isTrue();
    assertThat(t.provider("user").testAnswer()).isFalse();
    assertThat(t.kv().sentinelRules()).isEqualTo("vent/sentinel");
    assertThat(t.consul().httpPort()).isEqualTo(8500);
    assertThat(t.web().adminPort()).isEqualTo(8081);
  }

  @Test
  void theConsulPolicyOfTheProcessesCoversTheTopologysKvPrefixes() throws IOException {
    Path file = localYml();
    Topology t = Topology.load(file);
    String policy = Files.readString(file.getParent().getParent().resolve(t.consul().aclPolicy()));
    assertThat(policy)
        .contains("key_prefix \"" + t.kv().sentinelRules() + "/\" {\n  policy = \"write\"")
        .contains("key_prefix \"" + t.kv().config() + "/\" {\n  policy = \"read\"");
  }

  @Test
  void aclSetsAreExpanded() {
    Topology t = Topology.load(localYml());
    String acl = t.expandAcl(t.provider("auth").redisAcl());
    assertThat(acl)
        .doesNotContain("{")
        .contains("~vent:auth:*")
        .contains("(~vent:events:user:* -@all +xreadgroup");
  }

  @Test
  void anUnknownFieldIsRefusedWithTheFileName(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.yml");
    Files.writeString(file, Files.readString(localYml()) + "\nfrobnicate: 1\n");
    assertThatThrownBy(() -> Topology.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.yml")
        .hasMessageContaining("frobnicate");
  }

  @Test
  void overlappingPortRangesAndDuplicatesAreRefused(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.yml");
    Files.writeString(
        file,
        Files.readString(localYml())
            .replace("triplePort: 20890", "triplePort: 20885")
            .replace(
                "service: dev.vent.auth.v1.AuthService", "service: dev.vent.user.v1.UserService")
            .replace("~vent:captcha:* {service}", "~vent:captcha:* {nosuchset}"));
    assertThatThrownBy(() -> Topology.load(file))
        .hasMessageContaining("providers.user.triplePort: the next provider's base")
        .hasMessageContaining("Consul service dev.vent.user.v1.UserService is used twice")
        .hasMessageContaining("{nosuchset} is not in redis.aclSets");
  }

  @Test
  void metricsPortRangesMustClearEachOtherAndTheTriplePorts(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.yml");
    Files.writeString(
        file,
        Files.readString(localYml())
            .replace("metricsPort: 20990", "metricsPort: 20985")
            .replace("metricsPort: 21020", "metricsPort: 20925"));
    assertThatThrownBy(() -> Topology.load(file))
        .hasMessageContaining(
            "providers.user.metricsPort: the range of providers.relation.metricsPort")
        .hasMessageContaining(
            "providers.post.metricsPort: overlaps the Triple ports of providers.post");
  }

  @Test
  void everyProviderOfTheShippedTopologiesHasAMetricsPort() {
    for (Topology.Provider p : Topology.load(localYml()).providers()) {
      assertThat(p.metricsPort()).as(p.name()).isEqualTo(p.triplePort() + 100);
    }
  }

  @Test
  void aMissingPortIsRefused(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.yml");
    Files.writeString(
        file, Files.readString(localYml()).replace("      port: 6379 # VENT_REDIS_PORT\n", ""));
    assertThatThrownBy(() -> Topology.load(file))
        .hasMessageContaining("redis.deployments.main.port must be a port");
  }
}
