package vent.common.metrics;

import com.ecwid.consul.v1.ConsulClient;
import com.ecwid.consul.v1.agent.model.NewService;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.config.RegistrySettings;
import vent.common.consul.ConsulClients;

/**
 * Registers a process's {@code /metrics} endpoint in Consul, where the launcher's Prometheus finds
 * its targets (Consul service discovery of service {@value #SERVICE}).
 *
 * <p>Shape of the registration: service name {@value #SERVICE}, id {@code
 * vent-metrics-<application>-<instance>}, tags {@code application=<application>} and {@code
 * instance=<instance>}, meta {@code {application, instance, path=/metrics}}, address 127.0.0.1, the
 * metrics port, and an HTTP check of {@code http://127.0.0.1:<port>/metrics} every {@value
 * #CHECK_INTERVAL} that Consul deregisters after {@value #DEREGISTER_AFTER} critical (a process
 * killed without its shutdown sequence leaves no target behind).
 *
 * <p>Through {@link ConsulClients}, so it carries the process's ACL token (the policy must allow
 * {@code service "vent-metrics" { policy = "write" }}).
 */
public final class MetricsRegistration implements AutoCloseable {

  /** The Consul service every metrics endpoint registers under. */
  public static final String SERVICE = "vent-metrics";

  static final String CHECK_INTERVAL = "10s";
  static final String CHECK_TIMEOUT = "5s";
  static final String DEREGISTER_AFTER = "1m";

  private static final Logger LOG = LoggerFactory.getLogger(MetricsRegistration.class);

  private final ConsulClient client;
  private final String id;

  private MetricsRegistration(ConsulClient client, String id) {
    this.client = client;
    this.id = id;
  }

  /**
   * Registers the endpoint with the local Consul agent; logs {@code event=metrics_registered}.
   *
   * @throws com.ecwid.consul.v1.OperationException if Consul refuses it (e.g. 403: the token's
   *     policy lacks the service)
   * @throws com.ecwid.consul.transport.TransportException if Consul cannot be reached
   */
  public static MetricsRegistration register(
      RegistrySettings registry, String application, String instance, int port) {
    ConsulClient client = ConsulClients.create(registry);
    NewService service = service(application, instance, port);
    client.agentServiceRegister(service);
    LOG.info("event=metrics_registered service={} id={} port={}", SERVICE, service.getId(), port);
    return new MetricsRegistration(client, service.getId());
  }

  /** The service id of {@code application}'s {@code instance}. */
  public static String serviceId(String application, String instance) {
    return SERVICE + "-" + application + "-" + instance;
  }

  /** The registration payload (see the class comment). */
  static NewService service(String application, String instance, int port) {
    NewService service = new NewService();
    service.setId(serviceId(application, instance));
    service.setName(SERVICE);
    service.setTags(List.of("application=" + application, "instance=" + instance));
    service.setMeta(
        Map.of("application", application, "instance", instance, "path", MetricsServer.PATH));
    service.setAddress("127.0.0.1");
    service.setPort(port);
    NewService.Check check = new NewService.Check();
    check.setHttp("http://127.0.0.1:" + port + MetricsServer.PATH);
    check.setMethod("GET");
    check.setInterval(CHECK_INTERVAL);
    check.setTimeout(CHECK_TIMEOUT);
    check.setDeregisterCriticalServiceAfter(DEREGISTER_AFTER);
    service.setCheck(check);
    return service;
  }

  /** The registered service id. */
  public String id() {
    return id;
  }

  /**
   * Deregisters; a failure is logged ({@code event=metrics_deregister_failed}), never thrown: the
   * check's deregister-after removes the service anyway.
   */
  @Override
  public void close() {
    try {
      client.agentServiceDeregister(id);
      LOG.info("event=metrics_deregistered id={}", id);
    } catch (RuntimeException e) {
      LOG.warn("event=metrics_deregister_failed id={} error=\"{}\"", id, e.toString());
    }
  }
}
