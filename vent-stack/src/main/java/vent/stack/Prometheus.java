package vent.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stack's Prometheus server (VENT_MONITORING, default on): its supervised process, the {@code
 * prometheus.yml} {@code up} writes, its readiness, its registration in Consul and the scrape
 * targets {@code status} reports.
 *
 * <p>Prometheus finds what to scrape in Consul: every Vent process registers its metrics endpoint
 * as the service {@value #METRICS_SERVICE} with the meta keys {@code application}, {@code instance}
 * and {@code path}. Prometheus reads the catalog with the processes' Consul token, so the policy
 * {@code docs/consul-acl-policy.hcl} must let that token read services and nodes.
 */
final class Prometheus {

  /** Its supervisord program and group name. */
  static final String NAME = "prometheus";

  static final String GROUP = "monitoring";

  /** The Consul service every Vent process registers its metrics endpoint as. */
  static final String METRICS_SERVICE = "vent-metrics";

  /** The rules Prometheus loads, relative to the checkout. */
  static final String RULES = "monitoring/rules.yml";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Context c;

  Prometheus(Context c) {
    this.c = c;
  }

  /** The supervised process: listens on 127.0.0.1 only, data and config in the state dir. */
  static ProcessSpec process(Settings s, String binary) {
    List<String> cmd =
        List.of(
            binary,
            "--config.file=" + s.prometheusConfig(),
            "--storage.tsdb.path=" + s.prometheusDataDir(),
            "--storage.tsdb.retention.time=" + s.topology.monitoring().retention(),
            "--web.listen-address=127.0.0.1:" + s.prometheusPort);
    return new ProcessSpec(
        NAME, GROUP, cmd, Map.of(), List.of(), List.of(s.prometheusPort), 0, null, 0);
  }

  /**
   * prometheus.yml: a 5 s scrape interval (a local stack is small; short enough to see a test's
   * effect at once), the job {@code vent} discovered in Consul, and Prometheus itself.
   *
   * @param consulToken the processes' Consul token, or empty without ACLs
   */
  static String config(Settings s, String consulToken) {
    StringBuilder out = new StringBuilder();
    out.append("# written by ./vent up at every start; edits are lost. Mode 600: it holds the\n");
    out.append("# processes' Consul token. docs/LAUNCHER.md, \"Monitoring\".\n");
    out.append("global:\n  scrape_interval: 5s\n  scrape_timeout: 4s\n");
    out.append("  evaluation_interval: 5s\n");
    out.append("rule_files:\n  - ").append(quote(s.root.resolve(RULES).toString())).append('\n');
    out.append("scrape_configs:\n");
    out.append("  - job_name: vent\n    consul_sd_configs:\n");
    out.append("      - server: ").append(quote("127.0.0.1:" + s.consulPort)).append('\n');
    if (!consulToken.isEmpty()) {
      out.append("        token: ").append(quote(consulToken)).append('\n');
    }
    // Consul's default datacenter, named: without it Prometheus asks /v1/agent/self for it, which
    // needs agent:read, a right the processes' token has no other use for.
    out.append("        datacenter: dc1\n");
    out.append("        services: [").append(METRICS_SERVICE).append("]\n");
    out.append("    relabel_configs:\n");
    // Providers serve /metrics, vent-web /prometheus: each says which in its registration.
    relabel(out, "__meta_consul_service_metadata_path", "__metrics_path__");
    relabel(out, "__meta_consul_service_metadata_application", "application");
    // `relation-2` rather than 127.0.0.1:port: the process name of `./vent status` and the logs.
    relabel(out, "__meta_consul_service_metadata_instance", "instance");
    out.append("  - job_name: prometheus\n    static_configs:\n");
    out.append("      - targets: [").append(quote("127.0.0.1:" + s.prometheusPort)).append("]\n");
    out.append("        labels: {application: prometheus, instance: prometheus}\n");
    return out.toString();
  }

  /** Copies a meta label into a target label where it is not empty (else the default stays). */
  private static void relabel(StringBuilder out, String from, String to) {
    out.append("      - source_labels: [").append(from).append("]\n");
    out.append("        regex: (.+)\n");
    out.append("        target_label: ").append(to).append('\n');
  }

  /** A YAML double-quoted scalar (JSON's string syntax is valid YAML). */
  private static String quote(String v) {
    return ConsulApi.JSON.getNodeFactory().textNode(v).toString();
  }

  String base() {
    return "http://127.0.0.1:" + c.settings.prometheusPort;
  }

  /** Ready: {@code /-/ready} answers 200 (the TSDB is open and the rules are loaded). */
  boolean ready() {
    return get("/-/ready").statusCode() == 200;
  }

  /**
   * Registers Prometheus in Consul (service {@code prometheus}, an HTTP check on {@code /-/ready})
   * on the agent the processes talk to, with the launcher's token: the processes' token may not
   * write this service. A registration of the same ID replaces the last one, so every {@code up}
   * may repeat it.
   */
  void register() {
    ConsulApi.Answer a = c.consul().put("/v1/agent/service/register", registration(c.settings));
    if (a.status() != 200) {
      throw new Up.StartFailed(
          "could not register Prometheus in Consul (HTTP " + a.status() + " " + a.body() + ")");
    }
  }

  /** The body of the Consul registration: service and ID {@code prometheus}, its /-/ready check. */
  static String registration(Settings s) {
    int port = s.prometheusPort;
    ObjectNode body = ConsulApi.JSON.createObjectNode();
    body.put("ID", NAME);
    body.put("Name", NAME);
    body.put("Address", "127.0.0.1");
    body.put("Port", port);
    body.putObject("Meta").put("application", NAME).put("path", "/metrics");
    ObjectNode check = body.putObject("Check");
    check.put("HTTP", "http://127.0.0.1:" + port + "/-/ready");
    check.put("Interval", "10s");
    check.put("Timeout", "2s");
    return body.toString();
  }

  /** Removes the registration, so a stopped stack shows no failing Prometheus in Consul. */
  void deregister() {
    c.consul().put("/v1/agent/service/deregister/" + NAME, "");
  }

  /** The active scrape targets: how many are up, how many there are, and those not up. */
  record Targets(int up, int total, List<String> down) {}

  /** The active targets from {@code /api/v1/targets}, or null when Prometheus does not answer. */
  Targets targets() {
    HttpResponse<String> r = get("/api/v1/targets?state=active");
    return r.statusCode() == 200 ? targets(r.body()) : null;
  }

  /** The active targets of an {@code /api/v1/targets} answer, or null when it is not one. */
  static Targets targets(String json) {
    try {
      int up = 0;
      int total = 0;
      List<String> down = new ArrayList<>();
      JsonNode active = ConsulApi.JSON.readTree(json).path("data").path("activeTargets");
      if (!active.isArray()) {
        return null;
      }
      for (JsonNode t : active) {
        total++;
        if (t.path("health").asText().equals("up")) {
          up++;
        } else {
          JsonNode labels = t.path("labels");
          down.add(
              labels.path("job").asText()
                  + "/"
                  + labels.path("instance").asText()
                  + " ("
                  + t.path("health").asText()
                  + (t.path("lastError").asText().isEmpty()
                      ? ""
                      : ": " + t.path("lastError").asText())
                  + ")");
        }
      }
      return new Targets(up, total, down);
    } catch (IOException e) {
      return null;
    }
  }

  private HttpResponse<String> get(String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(3)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return Health.NoAnswer.INSTANCE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.NoAnswer.INSTANCE;
    }
  }
}
