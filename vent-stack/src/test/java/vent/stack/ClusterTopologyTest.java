package vent.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stack/cluster.yml: what it runs, the files and environments the launcher makes of it. */
class ClusterTopologyTest {

  static Path clusterYml() {
    return TopologyTest.localYml().resolveSibling("cluster.yml");
  }

  static final Topology CLUSTER = Topology.load(clusterYml());

  private static Context.Fixture fixture(Path state, Map<String, String> extra) throws IOException {
    Map<String, String> env = new HashMap<>(extra);
    env.put("VENT_STATE_DIR", state.toString());
    env.put("VENT_CONSUL_BIN", "/bin/true");
    env.put("VENT_REDIS_SERVER", "/bin/true");
    env.put("VENT_CDS", "false");
    Settings s = new Settings(CLUSTER, env, Path.of("/repo"));
    Files.createDirectories(state);
    Secrets.ensure(s);
    return new Context.Fixture(s, Secrets.read(s));
  }

  private static List<ProcessSpec> processes(Context.Fixture f) {
    Settings s = f.settings();
    return new Processes(s, f.secrets(), new Binaries(s.env, s.toolsDir), false).all();
  }

  @Test
  void sixRedisNodesFourConsulAgentsAndTwoInstancesOfEachProvider(@TempDir Path dir)
      throws IOException {
    assertThat(CLUSTER.problems()).isEmpty();
    assertThat(Settings.topologyFile(Map.of("VENT_TOPOLOGY", "cluster"), Path.of("/r")))
        .isEqualTo(Path.of("/r/stack/cluster.yml"));
    assertThat(Settings.topologyFile(Map.of(), Path.of("/r")))
        .isEqualTo(Path.of("/r/stack/local.yml"));
    var f = fixture(dir, Map.of());
    List<String> names = processes(f).stream().map(ProcessSpec::name).toList();
    assertThat(names)
        .containsExactly(
            "consul-1",
            "consul-2",
            "consul-3",
            "consul",
            "redis-1",
            "redis-2",
            "redis-3",
            "redis-4",
            "redis-5",
            "redis-6",
            "prometheus",
            "user-1",
            "user-2",
            "relation-1",
            "relation-2",
            "auth-1",
            "auth-2",
            "captcha-1",
            "captcha-2",
            "post-1",
            "post-2",
            "web");
    Set<Integer> ports = new HashSet<>();
    for (ProcessSpec p : processes(f)) {
      for (int port : p.ports()) {
        assertThat(ports.add(port)).as(p.name() + " port " + port + " used once").isTrue();
      }
    }
  }

  @Test
  void everyJavaProcessIsGivenTheClusterAndTheShardCount(@TempDir Path dir) throws IOException {
    var f = fixture(dir, Map.of("VENT_PORT_SHIFT", "100"));
    String seeds =
        "redis://127.0.0.1:7101,redis://127.0.0.1:7102,redis://127.0.0.1:7103,"
            + "redis://127.0.0.1:7104,redis://127.0.0.1:7105,redis://127.0.0.1:7106";
    for (ProcessSpec p : processes(f).stream().filter(ProcessSpec::isJava).toList()) {
      assertThat(p.env())
          .as(p.name())
          .containsEntry("VENT_REDIS_MODE", "cluster")
          .containsEntry("VENT_REDIS_ADDRESSES", seeds)
          .containsEntry("VENT_EVENT_SHARDS", "4")
          // the client agent, not a server
          .containsEntry("VENT_CONSUL_PORT", "8600");
    }
  }

  @Test
  void everyNodeHoldsEveryUserAndReplicasAuthenticateToTheirPrimary(@TempDir Path dir)
      throws IOException {
    var f = fixture(dir, Map.of());
    Settings s = f.settings();
    String replicaPassword = f.secrets().get("REDIS_PASSWORD_replica");
    for (RedisNodes.Node n : s.redisNodes()) {
      String conf = ConfigFiles.redisConf(s, f.secrets(), n);
      assertThat(conf)
          .as(n.name())
          .contains("port " + n.port() + "\n")
          .contains("cluster-enabled yes")
          .contains("cluster-node-timeout 3000")
          .contains("appendonly yes")
          .contains("masteruser vent-replica\n")
          .contains("masterauth \"" + replicaPassword + "\"")
          .contains("user vent-replica on #" + Secrets.sha256(replicaPassword))
          .contains("+psync +replconf +ping")
          .contains("dir \"" + dir.resolve("redis").resolve(n.name()) + "\"");
      for (Topology.Provider p : CLUSTER.providers()) {
        assertThat(conf)
            .contains(
                "user "
                    + p.redisUser()
                    + " on #"
                    + Secrets.sha256(f.secrets().get("REDIS_PASSWORD_" + p.name()))
                    + " "
                    + CLUSTER.expandAcl(p.redisAcl()));
      }
      assertThat(conf).contains("user vent-web on #").contains("user vent-admin on #");
    }
    // Services may read the cluster's layout, Redisson needs it; the nested set is expanded.
    assertThat(CLUSTER.expandAcl(CLUSTER.provider("user").redisAcl()))
        .doesNotContain("{")
        .contains("+cluster|slots");
  }

  @Test
  void threeConsulServersWithTheManagementTokenAndAClientAgent(@TempDir Path dir)
      throws IOException {
    var f = fixture(dir, Map.of());
    Settings s = f.settings();
    List<ConsulAgents.Agent> agents = s.consulAgents();
    assertThat(agents).hasSize(4);
    String token = f.secrets().launcherConsulToken(s);
    for (ConsulAgents.Agent a : agents) {
      JsonNode json = ConsulApi.JSON.readTree(ConfigFiles.consulJson(a, token));
      assertThat(json.at("/acl/tokens/agent").asText()).isEqualTo(token);
      assertThat(json.at("/acl/tokens/master").asText()).isEqualTo(a.server() ? token : "");
      assertThat(json.at("/ports/http").asInt()).isEqualTo(a.httpPort());
    }
    ProcessSpec server = processes(f).get(0);
    assertThat(server.command())
        .contains("-server", "-bootstrap-expect=3", "-retry-join=127.0.0.1:8321")
        .doesNotContain("-retry-join=127.0.0.1:8311");
    ProcessSpec client = processes(f).get(3);
    assertThat(client.name()).isEqualTo("consul");
    assertThat(client.command())
        .doesNotContain("-server")
        .contains(
            "-retry-join=127.0.0.1:8311",
            "-retry-join=127.0.0.1:8321",
            "-retry-join=127.0.0.1:8331");
  }

  @Test
  void theIntegrationTestShiftKeepsTheClusterBusBelow65536() {
    // The cluster IT pass shifts by 10000 + VENT_IT_PORT_SHIFT + 500 (Stack); with the largest IT
    // shift in use (+3000) the last bus port must still be a port.
    Settings s = new Settings(CLUSTER, Map.of("VENT_PORT_SHIFT", "13500"), Path.of("/repo"));
    assertThat(s.redisNodes().get(5).ports().get(1)).isLessThan(65536);
    assertThatThrownBy(
            () -> new Settings(CLUSTER, Map.of("VENT_PORT_SHIFT", "50000"), Path.of("/repo")))
        .hasMessageContaining("cluster bus");
  }

  @Test
  void aStateDirFirstStartedLocallyGetsTheReplicationUserAndKeepsTheRest(@TempDir Path dir)
      throws IOException {
    Map<String, String> env = Map.of("VENT_STATE_DIR", dir.toString());
    Settings local = new Settings(SettingsTest.LOCAL, env, Path.of("/repo"));
    Secrets.ensure(local);
    String before = Files.readString(dir.resolve(Secrets.FILE));
    assertThat(before).doesNotContain("REDIS_PASSWORD_replica=");
    Secrets.ensure(new Settings(CLUSTER, env, Path.of("/repo")));
    String after = Files.readString(dir.resolve(Secrets.FILE));
    assertThat(after).startsWith(before).contains("REDIS_PASSWORD_replica=");
    assertThat(Files.getPosixFilePermissions(dir.resolve(Secrets.FILE))).hasSize(2);
  }

  @Test
  void eachStreamHasItsShardKeys() {
    assertThat(CLUSTER.shardsOf("vent:events:user"))
        .containsExactly(
            "vent:events:user:{user-0}",
            "vent:events:user:{user-1}",
            "vent:events:user:{user-2}",
            "vent:events:user:{user-3}");
  }

  @Test
  void aProviderMayUseADeploymentOfItsOwn(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("split.yml");
    Files.writeString(
        file,
        Files.readString(clusterYml())
            .replace(
                "  dataDir: redis # owned state",
                "    auth:\n      mode: single\n      port: 6400\n  dataDir: redis # owned state")
            .replace(
                "    redisUser: vent-auth\n",
                "    redisUser: vent-auth\n    redisDeployment: auth\n"));
    Topology t = Topology.load(file);
    Settings s =
        new Settings(
            t,
            Map.of(
                "VENT_STATE_DIR",
                dir.resolve("st").toString(),
                "VENT_CONSUL_BIN",
                "/bin/true",
                "VENT_REDIS_SERVER",
                "/bin/true",
                "VENT_CDS",
                "false"),
            dir);
    assertThat(s.redisNodes()).extracting(RedisNodes.Node::name).contains("redis-auth");
    Files.createDirectories(s.stateDir);
    Secrets.ensure(s);
    Secrets sec = Secrets.read(s);
    ProcessSpec auth =
        new Processes(s, sec, new Binaries(s.env, s.toolsDir), false)
            .all().stream().filter(p -> p.name().equals("auth-1")).findFirst().orElseThrow();
    assertThat(auth.env())
        .containsEntry("VENT_REDIS_MODE", "single")
        .containsEntry("VENT_REDIS_ADDRESSES", "redis://127.0.0.1:6400");
    Files.writeString(
        file, Files.readString(file).replace("redisDeployment: auth", "redisDeployment: nope"));
    assertThatThrownBy(() -> Topology.load(file)).hasMessageContaining("nope is not in");
  }

  /**
   * One file per topology repeats the processes' facts; this keeps the two from drifting: the same
   * providers, jars, services, ports and Redis ACL rules, the cluster adding only the commands a
   * cluster client needs ({cluster}).
   */
  @Test
  void theClusterRunsTheSameProcessesWithTheSameRedisRulesAsLocal() {
    Topology local = Topology.load(TopologyTest.localYml());
    assertThat(CLUSTER.providers())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("redisDeployment")
        .isEqualTo(local.providers());
    assertThat(CLUSTER.web())
        .usingRecursiveComparison()
        .ignoringFields("redisAcl", "redisDeployment")
        .isEqualTo(local.web());
    assertThat(CLUSTER.web().redisAcl()).isEqualTo(local.web().redisAcl() + " {cluster}");
    assertThat(CLUSTER.kv()).isEqualTo(local.kv());
    assertThat(CLUSTER.eventStreams()).isEqualTo(local.eventStreams());
    assertThat(CLUSTER.events()).isEqualTo(local.events());
    Map<String, String> sets = new HashMap<>(CLUSTER.redis().aclSets());
    assertThat(sets.remove("cluster")).isNotBlank();
    assertThat(sets.remove("service"))
        .isEqualTo(local.redis().aclSets().get("service") + " {cluster}");
    Map<String, String> localSets = new HashMap<>(local.redis().aclSets());
    localSets.remove("service");
    assertThat(sets).isEqualTo(localSets);
  }
}
