package vent.stack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Distributed tracing with {@code VENT_TRACING=on}: the Zipkin server the launcher runs, and the
 * OpenTelemetry Java agent with its settings that every Vent JVM (providers, vent-web) then gets.
 *
 * <p>Both jars come from Maven Central through vent-stack's build (maven-dependency-plugin, into
 * {@value #DIR}; versions in the root pom's properties). Zipkin keeps spans in memory only: a
 * restart empties it, which suits a local stack.
 */
final class Tracing {

  /** The supervisord group and process name of Zipkin. */
  static final String GROUP = "tracing";

  static final String ZIPKIN = "zipkin";

  /** The Consul service Zipkin is registered as. */
  static final String SERVICE = "zipkin";

  /** Where vent-stack's build puts the two jars, relative to the checkout. */
  static final String DIR = "vent-stack/target/tracing";

  static final String AGENT_JAR = DIR + "/opentelemetry-javaagent.jar";
  static final String ZIPKIN_JAR = DIR + "/zipkin-server-exec.jar";

  /**
   * Zipkin's heap: spans are kept in memory, {@value #MAX_SPANS} at most (about 100 MB of them). It
   * runs next to five to nine small JVMs on two cores.
   */
  static final List<String> ZIPKIN_JAVA_OPTS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC");

  static final int MAX_SPANS = 100_000;

  /**
   * The agent's instrumentations a request passes through; all others stay off. With every
   * instrumentation on, providers failed to start (a Netty LinkageError), and the Netty one is not
   * needed: Dubbo's own filter chain carries the context. Names as the agent 2.x declares them (its
   * InstrumentationModule names; {@code OTEL_INSTRUMENTATION_<NAME>_ENABLED}):
   *
   * <ul>
   *   <li>{@code jetty}, {@code servlet}: vent-web's server span of each HTTP request (Jetty 12,
   *       Jakarta Servlet);
   *   <li>{@code jersey}: names that span after the JAX-RS route ({@code GET /api/v1/users/{id}});
   *   <li>{@code apache-dubbo}: a client span per Dubbo call in vent-web and a server span in the
   *       provider, the context carried in the call's attachments (Triple headers);
   *   <li>{@code redisson}: a span per Redis command;
   *   <li>{@code executors}: the context follows work handed to thread pools (Dubbo's, Redisson's
   *       callbacks);
   *   <li>{@code logback-mdc}: {@code trace_id}, {@code span_id} in every log line's MDC;
   *   <li>{@code opentelemetry-api}: the bridge that lets vent-web's own {@code Span.current()} see
   *       the agent's span (without it the application's API stays a no-op).
   * </ul>
   */
  static final List<String> INSTRUMENTATIONS =
      List.of(
          "jetty",
          "servlet",
          "jersey",
          "apache-dubbo",
          "redisson",
          "executors",
          "logback-mdc",
          "opentelemetry-api");

  private Tracing() {}

  /**
   * Zipkin on 127.0.0.1 at {@code settings.zipkinPort}: in-memory storage, only the HTTP collector
   * (the agent's exporter posts to {@code /api/v2/spans}), no self-tracing.
   */
  static ProcessSpec zipkin(Settings s, String java) {
    List<String> cmd = new ArrayList<>(List.of(java));
    cmd.addAll(ZIPKIN_JAVA_OPTS);
    cmd.addAll(List.of("-jar", s.root.resolve(ZIPKIN_JAR).toString()));
    Map<String, String> env = new LinkedHashMap<>();
    String port = String.valueOf(s.zipkinPort);
    env.put("QUERY_PORT", port);
    // Armeria's listener, not Spring's server.port, decides the bind address; the list replaces
    // Zipkin's default one (port, all interfaces) as a whole, so every field is set.
    env.put("ARMERIA_PORTS_0_IP", "127.0.0.1");
    env.put("ARMERIA_PORTS_0_PORT", port);
    env.put("ARMERIA_PORTS_0_PROTOCOLS_0", "http");
    env.put("STORAGE_TYPE", "mem");
    env.put("MEM_MAX_SPANS", String.valueOf(MAX_SPANS));
    env.put("SELF_TRACING_ENABLED", "false");
    // Only the HTTP collector the agents post to: no broker of the others runs here.
    for (String off : List.of("ACTIVEMQ", "KAFKA", "RABBITMQ", "PULSAR", "SCRIBE", "GRPC")) {
      env.put("COLLECTOR_" + off + "_ENABLED", "false");
    }
    env.put("MALLOC_ARENA_MAX", s.get("MALLOC_ARENA_MAX", "2"));
    return new ProcessSpec(ZIPKIN, GROUP, cmd, env, List.of(), List.of(s.zipkinPort), 0, null, 0);
  }

  /** The JVM option that loads the agent (before {@code -jar}). */
  static String agentOption(Settings s) {
    return "-javaagent:" + s.root.resolve(AGENT_JAR);
  }

  /**
   * The agent's settings for one Vent JVM.
   *
   * @param application its service name in Zipkin, e.g. {@code vent-provider-user}, {@code
   *     vent-web}
   */
  static Map<String, String> agentEnv(Settings s, String application) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_SERVICE_NAME", application);
    env.put("OTEL_TRACES_EXPORTER", "zipkin");
    env.put("OTEL_EXPORTER_ZIPKIN_ENDPOINT", spansUrl(s));
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    env.put("OTEL_PROPAGATORS", "tracecontext,baggage");
    // A request that arrives with a sampled traceparent is recorded; new traces by the ratio.
    env.put("OTEL_TRACES_SAMPLER", "parentbased_traceidratio");
    env.put("OTEL_TRACES_SAMPLER_ARG", s.traceSampling);
    env.put("OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED", "false");
    for (String name : INSTRUMENTATIONS) {
      env.put("OTEL_INSTRUMENTATION_" + variablePart(name) + "_ENABLED", "true");
    }
    return env;
  }

  /** {@code apache-dubbo} as an environment variable's part: {@code APACHE_DUBBO}. */
  static String variablePart(String instrumentation) {
    return instrumentation.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
  }

  /** Where the agents post their spans. */
  static String spansUrl(Settings s) {
    return "http://127.0.0.1:" + s.zipkinPort + "/api/v2/spans";
  }

  /** Zipkin's UI, as the summary prints it. */
  static String uiUrl(Settings s) {
    return "http://127.0.0.1:" + s.zipkinPort + "/zipkin/";
  }

  /** Zipkin's health check: 200 with {@code "status":"UP"} once its storage is ready. */
  static String healthUrl(Settings s) {
    return "http://127.0.0.1:" + s.zipkinPort + "/health";
  }

  /** The jars tracing needs that are missing, relative to the checkout; empty when both exist. */
  static List<String> missingJars(Settings s) {
    List<String> missing = new ArrayList<>();
    for (String jar : List.of(AGENT_JAR, ZIPKIN_JAR)) {
      if (!Files.isRegularFile(s.root.resolve(jar))) {
        missing.add(jar);
      }
    }
    return missing;
  }

  /**
   * The body of Consul's {@code PUT /v1/agent/service/register} for Zipkin: service {@value
   * #SERVICE} at its port with an HTTP check on {@code /health}.
   */
  static String registration(Settings s) {
    ObjectNode body = ConsulApi.JSON.createObjectNode();
    body.put("ID", SERVICE);
    body.put("Name", SERVICE);
    body.put("Address", "127.0.0.1");
    body.put("Port", s.zipkinPort);
    body.putArray("Tags").add("tracing");
    ObjectNode check = body.putObject("Check");
    check.put("Name", "Zipkin /health");
    check.put("HTTP", healthUrl(s));
    check.put("Method", "GET");
    check.put("Interval", "10s");
    check.put("Timeout", "2s");
    return body.toString();
  }

  /**
   * With tracing on, registers Zipkin in Consul (again at every {@code up}: the registration is the
   * agent's, so it must match this start's port); with tracing off, removes a registration an
   * earlier traced start left behind, so Consul does not show a failing {@code zipkin} service.
   *
   * @throws Out.Failure Consul refused the registration
   */
  static void register(Context c) {
    Settings s = c.settings;
    if (!s.tracing) {
      // Absent is fine: Consul then answers with an error that changes nothing.
      c.consul().put("/v1/agent/service/deregister/" + SERVICE, "");
      return;
    }
    ConsulApi.Answer a = c.consul().put("/v1/agent/service/register", registration(s));
    if (a.status() != 200) {
      throw Out.die(
          "Consul refused to register the zipkin service: HTTP " + a.status() + " " + a.body());
    }
    Out.say("Zipkin registered in Consul as service " + SERVICE + " (check " + healthUrl(s) + ")");
  }
}
