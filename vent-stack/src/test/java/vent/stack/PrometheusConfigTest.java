package vent.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Prometheus process and the prometheus.yml {@code up} writes for it. */
class PrometheusConfigTest {

  private static Context.Fixture fixture(Path state, Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>(extra);
    env.put("VENT_STATE_DIR", state.toString());
    env.put("VENT_CONSUL_BIN", "/bin/true");
    env.put("VENT_REDIS_SERVER", "/bin/true");
    env.put("VENT_PROMETHEUS_BIN", "/bin/true");
    env.put("VENT_CDS", "false");
    // The real checkout: prometheus.yml names its monitoring/rules.yml, which promtool reads.
    Settings s = new Settings(SettingsTest.LOCAL, env, Promtool.root());
    Files.createDirectories(state);
    Secrets.ensure(s);
    return new Context.Fixture(s, Secrets.read(s));
  }

  private static List<ProcessSpec> processes(Context.Fixture f) {
    Settings s = f.settings();
    return new Processes(s, f.secrets(), new Binaries(s.env, s.toolsDir), true).all();
  }

  @Test
  void prometheusRunsOnLoopbackWithItsDataInTheStateDir(@TempDir Path dir) throws Exception {
    var f = fixture(dir, Map.of("VENT_PORT_SHIFT", "1000"));
    ProcessSpec p =
        processes(f).stream()
            .filter(x -> x.name().equals(Prometheus.NAME))
            .findFirst()
            .orElseThrow();
    assertThat(p.group()).isEqualTo(Prometheus.GROUP);
    assertThat(p.ports()).containsExactly(10090);
    assertThat(p.command())
        .containsExactly(
            "/bin/true",
            "--config.file=" + dir.resolve("prometheus.yml"),
            "--storage.tsdb.path=" + dir.resolve("prometheus"),
            "--storage.tsdb.retention.time=2d",
            "--web.listen-address=127.0.0.1:10090");
  }

  @Test
  void monitoringOffRunsNoPrometheus(@TempDir Path dir) throws Exception {
    var f = fixture(dir, Map.of("VENT_MONITORING", "off"));
    assertThat(processes(f)).extracting(ProcessSpec::name).doesNotContain(Prometheus.NAME);
  }

  @Test
  void theConfigDiscoversVentMetricsInConsulWithTheProcessesToken(@TempDir Path dir)
      throws Exception {
    var f = fixture(dir, Map.of("VENT_PORT_SHIFT", "1000"));
    Settings s = f.settings();
    String token = f.secrets().processConsulToken(s);
    assertThat(token).isNotEmpty();
    String yml = Prometheus.config(s, token);
    assertThat(yml)
        .contains("scrape_interval: 5s")
        .contains("- server: \"127.0.0.1:9500\"")
        .contains("token: \"" + token + "\"")
        .contains("services: [vent-metrics]")
        .contains(
            "[__meta_consul_service_metadata_path]\n        regex: (.+)\n"
                + "        target_label: __metrics_path__")
        .contains("[__meta_consul_service_metadata_application]")
        .contains("target_label: application")
        .contains("[__meta_consul_service_metadata_instance]")
        .contains("target_label: instance")
        .contains("job_name: prometheus")
        .contains("targets: [\"127.0.0.1:10090\"]")
        .contains(Promtool.root().resolve("monitoring/rules.yml").toString())
        .doesNotContain(f.secrets().launcherConsulToken(s));
    assertThat(Prometheus.config(s, "")).as("no ACLs: no token").doesNotContain("token:");
  }

  @Test
  void promtoolAcceptsTheGeneratedConfig(@TempDir Path dir) throws Exception {
    var f = fixture(dir, Map.of());
    Settings s = f.settings();
    Path file = s.prometheusConfig();
    StateFiles.write(file, Prometheus.config(s, f.secrets().processConsulToken(s)));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .as("it holds a Consul token")
        .isEqualTo("rw-------");
    var r = Promtool.run(dir, "check", "config", file.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: 1 rule files found");
  }

  @Test
  void itRegistersInConsulWithACheckOnReady() throws Exception {
    Settings s =
        new Settings(SettingsTest.LOCAL, Map.of("VENT_PORT_SHIFT", "5"), SettingsTest.ROOT);
    var body = ConsulApi.JSON.readTree(Prometheus.registration(s));
    assertThat(body.path("Name").asText()).isEqualTo("prometheus");
    assertThat(body.path("Port").asInt()).isEqualTo(9095);
    assertThat(body.at("/Check/HTTP").asText()).isEqualTo("http://127.0.0.1:9095/-/ready");
  }

  @Test
  void statusCountsTheTargetsThatAreUp() {
    String json =
        "{\"status\":\"success\",\"data\":{\"activeTargets\":["
            + "{\"labels\":{\"job\":\"prometheus\",\"instance\":\"prometheus\"},\"health\":\"up\","
            + "\"lastError\":\"\"},"
            + "{\"labels\":{\"job\":\"vent\",\"instance\":\"user-1\"},\"health\":\"down\","
            + "\"lastError\":\"connection refused\"}]}}";
    Prometheus.Targets t = Prometheus.targets(json);
    assertThat(t.up()).isEqualTo(1);
    assertThat(t.total()).isEqualTo(2);
    assertThat(t.down()).containsExactly("vent/user-1 (down: connection refused)");
    assertThat(Prometheus.targets("not json")).isNull();
    assertThat(Prometheus.targets("{}")).isNull();
  }

  @Test
  void bothTopologiesDeclareMonitoringAndABadRetentionIsNamed(@TempDir Path dir) throws Exception {
    assertThat(SettingsTest.LOCAL.monitoring().port()).isEqualTo(9090);
    assertThat(ClusterTopologyTest.CLUSTER.monitoring().port()).isEqualTo(9090);
    Path file = dir.resolve("bad.yml");
    Files.writeString(
        file, Files.readString(TopologyTest.localYml()).replace("retention: 2d", "retention: 2"));
    assertThatThrownBy(() -> Topology.load(file))
        .hasMessageContaining("monitoring.retention must be a duration like 2d");
  }

  @Test
  void thePortFollowsTheShiftAndItsOwnVariable() {
    Map<String, String> env = Map.of("VENT_PORT_SHIFT", "1000");
    assertThat(new Settings(SettingsTest.LOCAL, Map.of(), SettingsTest.ROOT).prometheusPort)
        .isEqualTo(9090);
    assertThat(new Settings(SettingsTest.LOCAL, env, SettingsTest.ROOT).prometheusPort)
        .isEqualTo(10090);
    assertThat(
            new Settings(
                    SettingsTest.LOCAL,
                    Map.of("VENT_PORT_SHIFT", "1000", "VENT_PROMETHEUS_PORT", "9999"),
                    SettingsTest.ROOT)
                .prometheusPort)
        .isEqualTo(9999);
    assertThat(new Settings(SettingsTest.LOCAL, Map.of(), SettingsTest.ROOT).monitoring).isTrue();
    assertThatThrownBy(
            () ->
                new Settings(
                    SettingsTest.LOCAL, Map.of("VENT_MONITORING", "no"), SettingsTest.ROOT))
        .hasMessageContaining("VENT_MONITORING must be on or off");
    assertThat(Settings.savedVariables(SettingsTest.LOCAL))
        .contains("VENT_MONITORING", "VENT_PROMETHEUS_PORT");
  }
}
