package vent.web.consul;

import com.ecwid.consul.v1.ConsulClient;
import com.ecwid.consul.v1.agent.model.NewService;
import com.ecwid.consul.v1.agent.model.Service;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * vent-web in Consul: service {@value #WEB_SERVICE} (id {@code vent-web-<instance>}, address
 * 127.0.0.1, the API port, an HTTP check on the admin readiness URL) and, with metrics on, service
 * {@value #METRICS_SERVICE} (id {@code vent-metrics-vent-web-<instance>}, the admin port, tags
 * {@code application=vent-web} and {@code instance=<instance>}, meta {@code application}, {@code
 * instance} and {@code path=/prometheus}, an HTTP check on the metrics URL), which Prometheus
 * discovers its targets through. Both checks every {@value #CHECK_INTERVAL}; Consul removes a
 * service whose check stayed critical for {@value #DEREGISTER_AFTER}.
 *
 * <p>Registers once Jetty listens (a {@link ServerLifecycleListener}: the ports are the real ones
 * and the check URLs answer), then every {@link #RESYNC} re-registers what Consul no longer lists
 * (removed after being critical for a minute, or lost by a restarted agent); a Consul that is down
 * is retried the same way and never stops vent-web. Deregisters both on stop (a {@link Managed}).
 * Logs {@code event=consul_registered|consul_register_failed|consul_deregistered}.
 */
public final class ConsulRegistration implements Managed, ServerLifecycleListener {

  /** Consul service name of the REST front. */
  public static final String WEB_SERVICE = "vent-web";

  /** Consul service name every process's Prometheus endpoint registers under. */
  public static final String METRICS_SERVICE = "vent-metrics";

  static final String CHECK_INTERVAL = "10s";
  static final String DEREGISTER_AFTER = "1m";
  static final Duration RESYNC = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(ConsulRegistration.class);

  private final ConsulClient consul;
  private final String instance;
  private final String readyPath;
  private final String metricsPath;
  private final ScheduledExecutorService resync =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "consul-registration");
            t.setDaemon(true);
            return t;
          });
  private volatile List<NewService> services = List.of();
  private final Set<String> registered = ConcurrentHashMap.newKeySet();

  /**
   * @param consul a client with the ACL token ({@code vent.common.consul.ConsulClients}); the token
   *     needs {@code service:write} on {@code vent-web} and {@code vent-metrics}
   * @param instance the instance name, {@code web}
   * @param readyPath admin path of the readiness check, {@code /health/ready}
   * @param metricsPath admin path of the Prometheus endpoint, {@code /prometheus}; null when
   *     metrics are off (then no {@value #METRICS_SERVICE} service)
   */
  public ConsulRegistration(
      ConsulClient consul, String instance, String readyPath, String metricsPath) {
    this.consul = consul;
    this.instance = instance;
    this.readyPath = readyPath;
    this.metricsPath = metricsPath;
  }

  /** The services for these ports; what {@link #serverStarted} registers. */
  List<NewService> services(int httpPort, int adminPort) {
    List<NewService> out = new ArrayList<>();
    NewService web = new NewService();
    web.setId(WEB_SERVICE + "-" + instance);
    web.setName(WEB_SERVICE);
    web.setAddress("127.0.0.1");
    web.setPort(httpPort);
    web.setCheck(httpCheck("http://127.0.0.1:" + adminPort + readyPath));
    out.add(web);
    if (metricsPath != null) {
      NewService metrics = new NewService();
      metrics.setId(METRICS_SERVICE + "-" + WEB_SERVICE + "-" + instance);
      metrics.setName(METRICS_SERVICE);
      metrics.setAddress("127.0.0.1");
      metrics.setPort(adminPort);
      metrics.setTags(List.of("application=" + WEB_SERVICE, "instance=" + instance));
      metrics.setMeta(
          Map.of("application", WEB_SERVICE, "instance", instance, "path", metricsPath));
      metrics.setCheck(httpCheck("http://127.0.0.1:" + adminPort + metricsPath));
      out.add(metrics);
    }
    return List.copyOf(out);
  }

  private static NewService.Check httpCheck(String url) {
    NewService.Check check = new NewService.Check();
    check.setHttp(url);
    check.setInterval(CHECK_INTERVAL);
    check.setTimeout("5s");
    check.setDeregisterCriticalServiceAfter(DEREGISTER_AFTER);
    return check;
  }

  /** Sets what {@link #registerMissing} registers (tests; {@link #serverStarted} in production). */
  void useServices(List<NewService> services) {
    this.services = List.copyOf(services);
  }

  @Override
  public void serverStarted(Server server) {
    useServices(services(getLocalPort(server), getAdminPort(server)));
    resync.scheduleWithFixedDelay(
        this::registerMissing, 0, RESYNC.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Registers each service the local agent does not list, or lists with another port (left by an
   * earlier run); failures wait for the next round.
   */
  void registerMissing() {
    try {
      Map<String, Service> listed = consul.getAgentServices().getValue();
      for (NewService service : services) {
        Service current = listed == null ? null : listed.get(service.getId());
        if (current == null || !service.getPort().equals(current.getPort())) {
          consul.agentServiceRegister(service);
          LOG.info(
              "event=consul_registered service={} id={} port={}",
              service.getName(),
              service.getId(),
              service.getPort());
        }
        // Ours either way (the id names this instance): deregistered on stop.
        registered.add(service.getId());
      }
    } catch (RuntimeException e) {
      // Consul down or the token refused: vent-web serves without it; the next round retries.
      LOG.warn(
          "event=consul_register_failed retry_in_s={} error={}", RESYNC.toSeconds(), e.toString());
    }
  }

  @Override
  public void stop() {
    resync.shutdownNow();
    for (NewService service : services) {
      if (!registered.contains(service.getId())) {
        // Never registered by this process (Consul was down): nothing to undo, no wait on it.
        continue;
      }
      try {
        consul.agentServiceDeregister(service.getId());
        LOG.info("event=consul_deregistered service={} id={}", service.getName(), service.getId());
      } catch (RuntimeException e) {
        // Consul removes it itself once its check has been critical for DEREGISTER_AFTER.
        LOG.warn("event=consul_deregister_failed id={} error={}", service.getId(), e.toString());
      }
    }
  }
}
