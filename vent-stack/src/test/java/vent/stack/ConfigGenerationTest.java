package vent.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigGenerationTest {

  static final Topology LOCAL = SettingsTest.LOCAL;

  private static Context.Fixture fixture(Path state, Map<String, String> extra) throws IOException {
    Map<String, String> env = new java.util.HashMap<>(extra);
    env.put("VENT_STATE_DIR", state.toString());
    env.put("VENT_CONSUL_BIN", "/bin/true");
    env.put("VENT_REDIS_SERVER", "/bin/true");
    env.put("VENT_PROMETHEUS_BIN", "/bin/true");
    env.put("VENT_JAVA_OPTS", "-Xmx100m");
    env.put("VENT_CDS", "false");
    Settings s = new Settings(LOCAL, env, Path.of("/repo"));
    Files.createDirectories(state);
    Secrets.ensure(s);
    return new Context.Fixture(s, Secrets.read(s));
  }

  @Test
  void secretsEnvHasAKeyPerUserAndApplication(@TempDir Path dir) throws IOException {
    var f = fixture(dir, Map.of());
    Path file = dir.resolve("secrets.env");
    assertThat(Files.getPosixFilePermissions(file)).hasSize(2);
    String text = Files.readString(file);
    for (String key :
        List.of(
            "REDIS_PASSWORD_admin=",
            "REDIS_PASSWORD_relation=",
            "REDIS_PASSWORD_web=",
            "CONSUL_MASTER_TOKEN=",
            "CONSUL_VENT_ACCESSOR=",
            "CALLER_SECRET_web=",
            "CALLER_SECRET_captcha=")) {
      assertThat(text).contains(key);
    }
    assertThat(f.secrets().get("REDIS_PASSWORD_user")).matches("[0-9a-f]{64}");
    assertThat(Secrets.ensure(f.settings())).as("reused, not regenerated").isFalse();
  }

  @Test
  void redisConfHasAHashedUserPerProcess(@TempDir Path dir) throws IOException {
    var f = fixture(dir, Map.of());
    String conf = ConfigFiles.redisConf(f.settings(), f.secrets());
    String hash = Secrets.sha256(f.secrets().get("REDIS_PASSWORD_relation"));
    assertThat(conf)
        .contains("appendfsync always")
        .contains("user vent-relation on #" + hash + " resetchannels ~vent:relation:*")
        .contains("user vent-admin on #")
        .contains("user vent-web on #")
        .doesNotContain(f.secrets().get("REDIS_PASSWORD_relation"))
        .doesNotContain("{service}");
  }

  @Test
  void consulJsonHasPortsAndAcls(@TempDir Path dir) throws IOException {
    var f = fixture(dir, Map.of("VENT_PORT_SHIFT", "1000"));
    String json = ConfigFiles.consulJson(f.settings(), "tok");
    var node = ConsulApi.JSON.readTree(json);
    assertThat(node.at("/ports/http").asInt()).isEqualTo(9500);
    assertThat(node.at("/ports/serf_lan").asInt()).isEqualTo(9301);
    assertThat(node.at("/acl/default_policy").asText()).isEqualTo("deny");
    assertThat(node.at("/acl/tokens/master").asText()).isEqualTo("tok");
  }

  @Test
  void supervisordConfSupervisesEveryProcessWithoutASecret(@TempDir Path dir) throws IOException {
    var f = fixture(dir, Map.of("VENT_INSTANCES", "2", "VENT_LOG_MAX_BYTES", "20000"));
    Settings s = f.settings();
    List<ProcessSpec> all =
        new Processes(s, f.secrets(), new Binaries(s.env, s.toolsDir), true).all();
    assertThat(all)
        .extracting(ProcessSpec::name)
        .containsExactly(
            "consul",
            "redis",
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
    String secret = f.secrets().get("REDIS_PASSWORD_auth");
    SupervisorConf conf = new SupervisorConf(s, all, List.of(secret));
    String text = conf.render();
    assertThat(text)
        .contains("[program:relation-2]")
        .contains("autorestart=true")
        .contains("stdout_logfile=" + dir.resolve("logs/relation-2.log"))
        .contains("stdout_logfile_maxbytes=20000")
        .contains("stdout_logfile_backups=5")
        .contains("chmod=0700")
        .contains("[group:providers]\nprograms=user-1,user-2,relation-1,relation-2")
        .contains("VENT_REDIS_PASSWORD=\"%(ENV_VENT_SUPERVISED_0)s\"")
        .doesNotContain(secret)
        .doesNotContain("inet_http_server");
    assertThat(conf.secretEnvironment()).containsEntry("VENT_SUPERVISED_0", secret);
    ProcessSpec relation1 =
        all.stream().filter(p -> p.name().equals("relation-1")).findFirst().orElseThrow();
    assertThat(conf.command(relation1))
        .startsWith("/bin/sh -c ")
        .contains("echo $$ >")
        .contains("relation-1.pid")
        .containsPattern("unset [A-Z_0-9 ]*VENT_CAPTCHA_TEST_ANSWER")
        .contains("VENT_SUPERVISED_0");
  }

  /**
   * The processes' configurations have no default for these: the launcher must pass every one, from
   * the topology, to every Java process (the shipped configuration files name the same variables).
   */
  @Test
  void everyJavaProcessGetsItsPortsAndTheKvPrefixesOfTheTopology(@TempDir Path dir)
      throws IOException {
    var f = fixture(dir, Map.of("VENT_PORT_SHIFT", "1000", "VENT_INSTANCES", "2"));
    Settings s = f.settings();
    Processes processes = new Processes(s, f.secrets(), new Binaries(s.env, s.toolsDir), false);
    List<ProcessSpec> java = processes.all().stream().filter(ProcessSpec::isJava).toList();
    assertThat(java).hasSize(11);
    for (ProcessSpec p : java) {
      assertThat(p.env())
          .as(p.name())
          .containsEntry("VENT_SENTINEL_KV_PREFIX", LOCAL.kv().sentinelRules())
          .containsEntry("VENT_CONFIG_KV_PREFIX", LOCAL.kv().config())
          .containsEntry("VENT_CONSUL_PORT", String.valueOf(LOCAL.consul().httpPort() + 1000))
          .containsEntry("VENT_REDIS_MODE", "single")
          .containsEntry(
              "VENT_REDIS_ADDRESSES",
              "redis://127.0.0.1:" + (LOCAL.redis().deployments().get("main").port() + 1000))
          .containsEntry("VENT_EVENT_SHARDS", String.valueOf(LOCAL.events().shards()))
          .containsEntry("VENT_SENTINEL_PORT", String.valueOf(p.sentinelPort()));
      assertThat(p.unset()).as(p.name()).doesNotContain("VENT_SENTINEL_PORT");
    }
    ProcessSpec relation2 =
        java.stream().filter(p -> p.name().equals("relation-2")).findFirst().orElseThrow();
    assertThat(relation2.env())
        .containsEntry(
            "VENT_PORT", String.valueOf(LOCAL.providers().get(1).triplePort() + 1000 + 1))
        .containsEntry(
            "VENT_METRICS_PORT", String.valueOf(LOCAL.providers().get(1).metricsPort() + 1000 + 1))
        .containsEntry("VENT_INSTANCE", "relation-2")
        .doesNotContainKey("VENT_METRICS");
    assertThat(relation2.unset()).contains("VENT_METRICS");
    assertThat(relation2.ports())
        .containsExactly(s.triplePort(LOCAL.provider("relation"), 2), 20991 + 1000);
    ProcessSpec web = java.get(java.size() - 1);
    assertThat(web.env())
        .containsEntry("VENT_HTTP_PORT", String.valueOf(LOCAL.web().httpPort() + 1000))
        .containsEntry("VENT_ADMIN_PORT", String.valueOf(LOCAL.web().adminPort() + 1000));
    assertThat(processes.webEnv())
        .as("what import runs with")
        .containsKeys(
            "VENT_SENTINEL_KV_PREFIX",
            "VENT_CONFIG_KV_PREFIX",
            "VENT_SENTINEL_PORT",
            "VENT_HTTP_PORT",
            "VENT_ADMIN_PORT",
            "VENT_CONSUL_PORT",
            "VENT_REDIS_MODE",
            "VENT_REDIS_ADDRESSES",
            "VENT_EVENT_SHARDS");
  }

  @Test
  void metricsOffIsPassedOnAndItsPortIsNotReserved(@TempDir Path dir) throws IOException {
    var f = fixture(dir, Map.of("VENT_METRICS", "off"));
    Settings s = f.settings();
    ProcessSpec user1 =
        new Processes(s, f.secrets(), new Binaries(s.env, s.toolsDir), false)
            .all().stream().filter(p -> p.name().equals("user-1")).findFirst().orElseThrow();
    assertThat(user1.env()).containsEntry("VENT_METRICS", "off");
    assertThat(user1.ports()).containsExactly(s.triplePort(LOCAL.provider("user"), 1));
  }

  @Test
  void aValueSupervisordWouldCutAtAnInlineCommentIsRefused(@TempDir Path dir) throws IOException {
    var f = fixture(dir, Map.of("VENT_WARMUP_MS", "1 ;2"));
    Settings s = f.settings();
    List<ProcessSpec> all =
        new Processes(s, f.secrets(), new Binaries(s.env, s.toolsDir), false).all();
    SupervisorConf conf = new SupervisorConf(s, all, List.of());
    org.assertj.core.api.Assertions.assertThatThrownBy(conf::render)
        .isInstanceOf(Out.Failure.class)
        .hasMessageContaining("a space followed by ; or #");
  }

  /**
   * VENT_TRACING=on: Zipkin after Redis, on 127.0.0.1 at the shifted topology port with in-memory
   * storage; every Vent JVM with the agent before its -jar and the agent's settings in its
   * environment, named after its application; a few instrumentations only.
   */
  @Test
  void tracingRunsZipkinAndGivesEveryVentJvmTheAgent(@TempDir Path dir) throws IOException {
    var f =
        fixture(
            dir, Map.of("VENT_TRACING", "on", "VENT_PORT_SHIFT", "1000", "VENT_MONITORING", "off"));
    Settings s = f.settings();
    List<ProcessSpec> all =
        new Processes(s, f.secrets(), new Binaries(s.env, s.toolsDir), true).all();
    assertThat(all).extracting(ProcessSpec::name).startsWith("consul", "redis", "zipkin");
    ProcessSpec zipkin = all.get(2);
    assertThat(zipkin.group()).isEqualTo("tracing");
    assertThat(zipkin.ports()).containsExactly(10411);
    assertThat(zipkin.isJava()).as("not a Vent JVM: no agent, no rebuild guard").isFalse();
    assertThat(zipkin.command())
        .contains("-Xmx256m")
        .endsWith("-jar", "/repo/vent-stack/target/tracing/zipkin-server-exec.jar");
    assertThat(zipkin.env())
        .containsEntry("QUERY_PORT", "10411")
        .containsEntry("ARMERIA_PORTS_0_IP", "127.0.0.1")
        .containsEntry("ARMERIA_PORTS_0_PORT", "10411")
        .containsEntry("ARMERIA_PORTS_0_PROTOCOLS_0", "http")
        .containsEntry("STORAGE_TYPE", "mem");

    List<ProcessSpec> java = all.stream().filter(ProcessSpec::isJava).toList();
    assertThat(java).hasSize(6);
    for (ProcessSpec p : java) {
      String application =
          p.provider() == null ? LOCAL.web().application() : p.provider().application();
      int agent =
          p.command()
              .indexOf("-javaagent:/repo/vent-stack/target/tracing/opentelemetry-javaagent.jar");
      assertThat(agent).as(p.name() + ": the agent").isPositive();
      assertThat(agent).as(p.name() + ": a JVM option").isLessThan(p.command().indexOf("-jar"));
      assertThat(p.command()).as(p.name()).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
      assertThat(p.env())
          .as(p.name())
          .containsEntry("OTEL_SERVICE_NAME", application)
          .containsEntry("OTEL_TRACES_EXPORTER", "zipkin")
          .containsEntry("OTEL_EXPORTER_ZIPKIN_ENDPOINT", "http://127.0.0.1:10411/api/v2/spans")
          .containsEntry("OTEL_METRICS_EXPORTER", "none")
          .containsEntry("OTEL_LOGS_EXPORTER", "none")
          .containsEntry("OTEL_PROPAGATORS", "tracecontext,baggage")
          .containsEntry("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
          .containsEntry("OTEL_TRACES_SAMPLER_ARG", "0.01")
          .containsEntry("OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED", "false")
          .containsEntry("OTEL_INSTRUMENTATION_APACHE_DUBBO_ENABLED", "true")
          .containsEntry("OTEL_INSTRUMENTATION_LOGBACK_MDC_ENABLED", "true")
          .containsEntry("OTEL_INSTRUMENTATION_OPENTELEMETRY_API_ENABLED", "true")
          .doesNotContainKey("OTEL_INSTRUMENTATION_NETTY_ENABLED");
    }
    assertThat(java.get(0).env()).containsEntry("OTEL_SERVICE_NAME", "vent-provider-user");

    String conf = new SupervisorConf(s, all, List.of()).render();
    assertThat(conf).contains("[program:zipkin]").contains("[group:tracing]\nprograms=zipkin");

    var registration = ConsulApi.JSON.readTree(Tracing.registration(s));
    assertThat(registration.path("Name").asText()).isEqualTo("zipkin");
    assertThat(registration.path("Port").asInt()).isEqualTo(10411);
    assertThat(registration.at("/Check/HTTP").asText()).isEqualTo("http://127.0.0.1:10411/health");
    assertThat(Tracing.uiUrl(s)).isEqualTo("http://127.0.0.1:10411/zipkin/");
  }

  @Test
  void withoutTracingNoZipkinNoAgent(@TempDir Path dir) throws IOException {
    var f = fixture(dir, Map.of("VENT_TRACE_SAMPLING", "0.5"));
    Settings s = f.settings();
    List<ProcessSpec> all =
        new Processes(s, f.secrets(), new Binaries(s.env, s.toolsDir), false).all();
    assertThat(all).extracting(ProcessSpec::name).doesNotContain("zipkin");
    for (ProcessSpec p : all) {
      assertThat(p.command()).as(p.name()).noneMatch(a -> a.startsWith("-javaagent"));
      assertThat(p.env().keySet()).as(p.name()).noneMatch(k -> k.startsWith("OTEL_"));
    }
  }

  @Test
  void theSamplingRatioReachesTheAgents(@TempDir Path dir) throws IOException {
    var f = fixture(dir, Map.of("VENT_TRACING", "on", "VENT_TRACE_SAMPLING", "0.25"));
    Settings s = f.settings();
    ProcessSpec web = new Processes(s, f.secrets(), new Binaries(s.env, s.toolsDir), false).web();
    assertThat(web.env())
        .containsEntry("OTEL_TRACES_SAMPLER_ARG", "0.25")
        .containsEntry("OTEL_SERVICE_NAME", "vent-web")
        .containsEntry("OTEL_EXPORTER_ZIPKIN_ENDPOINT", "http://127.0.0.1:9411/api/v2/spans");
  }
}
