package vent.common.dubbo;

import com.ecwid.consul.v1.ConsulClient;
import com.ecwid.consul.v1.OperationException;
import com.ecwid.consul.v1.QueryParams;
import com.ecwid.consul.v1.Response;
import com.ecwid.consul.v1.health.HealthServicesRequest;
import com.ecwid.consul.v1.health.model.HealthService;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.common.URLBuilder;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.constants.RegistryConstants;
import org.apache.dubbo.common.utils.UrlUtils;
import org.apache.dubbo.registry.NotifyListener;
import org.apache.dubbo.registry.consul.ConsulRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dubbo-registry-consul's {@link ConsulRegistry} with a consumer-side watch that survives a Consul
 * outage.
 *
 * <p>Upstream (3.2.0) watches each subscribed interface with a blocking-query loop that has no
 * error handling: the first failed query (agent down or restarting) ends the loop for good, and
 * from then on the consumer never learns of a provider that starts, restarts or stops (after a
 * Consul restart, restarted providers get no traffic and a rolling restart ends in "no provider
 * reachable"; the fault suite of docs/RELIABILITY.md covers it). Here each subscription has its own
 * watch that, on failure, logs once, keeps the addresses it has, retries every second and, once
 * Consul answers again, notifies the full current list. Registration, TTL check passes and lookup
 * stay upstream's.
 *
 * <p>Right after Consul returns, its health checks may still be critical for a few seconds (TTL
 * checks pass every ~2 s); an empty list arriving within {@value #EMPTY_GRACE_MS} ms of the
 * recovery is not applied, so consumers keep calling the providers that never left.
 *
 * <p>Provider side: Consul removes an instance whose TTL check stayed critical longer than {@code
 * deregister_critical_service_after} (a long GC or SIGSTOP pause, an agent that lost its state),
 * and upstream never registers it again while the process runs (apache/dubbo#8902): its TTL pass
 * loop is private and only logs the failure. Here a second loop passes each registered instance's
 * check at the same period ({@code consul-check-pass-interval} / 8, every 2 s by default: one more
 * PUT to the local agent per instance) and, when Consul answers that the check is unknown ({@link
 * #isMissing}), registers the instance again and passes its check at once, so it is passing again
 * within one period.
 */
public final class ResilientConsulRegistry extends ConsulRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(ResilientConsulRegistry.class);

  /** Consul's blocking-query wait, seconds: bounded so a stop is noticed. */
  static final int WAIT_SECONDS = 10;

  static final long RETRY_MS = 1000;
  static final long EMPTY_GRACE_MS = 20_000;

  /**
   * The tag dubbo-registry-consul puts on provider entries, and the service-meta key of their URL.
   */
  private static final String SERVICE_TAG = "dubbo";

  private static final String URL_META_KEY = "url";

  /** dubbo-registry-consul's TTL parameter, its default (ms) and the share of it between passes. */
  private static final String CHECK_PASS_INTERVAL_KEY = "consul-check-pass-interval";

  private static final long DEFAULT_CHECK_PASS_INTERVAL_MS = 16_000;
  private static final long PASSES_PER_TTL = 8;

  private final ConsulClient client;
  private final String token;
  private final ExecutorService watchers =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "vent-consul-watch");
            t.setDaemon(true);
            return t;
          });
  private final Map<URL, Watch> watches = new ConcurrentHashMap<>();
  private final ScheduledExecutorService keeper =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "vent-consul-keep-registered");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param url the registry URL; {@code token} (ACL token) and {@value #CHECK_PASS_INTERVAL_KEY}
   *     (TTL of the instances' checks, ms) are read as upstream reads them
   */
  public ResilientConsulRegistry(URL url) {
    super(url);
    this.token = url.getParameter("token", (String) null);
    if (url.getPort() <= 0) {
      throw new IllegalArgumentException("registry URL without a port: " + url.getAddress());
    }
    this.client = new ConsulClient(url.getHost(), url.getPort());
    long passEveryMs =
        Math.max(
            100,
            url.getParameter(CHECK_PASS_INTERVAL_KEY, DEFAULT_CHECK_PASS_INTERVAL_MS)
                / PASSES_PER_TTL);
    keeper.scheduleWithFixedDelay(
        this::keepRegistered, passEveryMs, passEveryMs, TimeUnit.MILLISECONDS);
  }

  /**
   * Passes the TTL check of every instance this registry registered, and registers again each one
   * Consul no longer knows. Other failures (Consul down, ACL refusals) are left to upstream's own
   * pass loop, which logs them; the next round tries again.
   */
  private void keepRegistered() {
    for (URL url : getRegistered()) {
      String id = serviceId(url);
      try {
        pass(id);
      } catch (OperationException e) {
        // An instance deregistering itself (shutdown) leaves the registered set before Consul
        // forgets it: checking the set after the failed pass keeps it from coming back.
        if (!isMissing(e.getStatusCode(), e.getStatusContent()) || !getRegistered().contains(url)) {
          continue;
        }
        try {
          doRegister(url);
          pass(id);
          LOG.warn(
              "event=consul_reregistered service={} id={} port={} reason=\"{}\"",
              url.getServiceInterface(),
              id,
              url.getPort(),
              String.valueOf(e.getStatusContent()).strip().replace('"', '\''));
        } catch (RuntimeException again) {
          LOG.warn(
              "event=consul_reregister_failed service={} id={} error={}",
              url.getServiceInterface(),
              id,
              again.toString());
        }
      } catch (RuntimeException e) {
        // Consul unreachable: nothing to repair until it answers.
      }
    }
  }

  private void pass(String id) {
    if (token == null) {
      client.agentCheckPass("service:" + id);
    } else {
      client.agentCheckPass("service:" + id, null, token);
    }
  }

  /**
   * Whether Consul's answer to a TTL pass means the instance (and so its check) is gone. Consul
   * 1.8.7 answers 500 {@code CheckID "service:<id>" does not have associated TTL}; later versions
   * answer 404 {@code Unknown check ID "service:<id>"}.
   *
   * @param status the HTTP status of the failed pass
   * @param body its body, may be null
   */
  static boolean isMissing(int status, String body) {
    String text = body == null ? "" : body;
    return status == 404
        || (status == 500
            && (text.contains("does not have associated TTL") || text.contains("Unknown check")));
  }

  /**
   * The instance id upstream gives a registered URL ({@code ConsulRegistry.buildId}, private
   * there).
   */
  static String serviceId(URL url) {
    return Integer.toHexString(url.hashCode());
  }

  /**
   * First query synchronously (a failure propagates, and Dubbo's FailbackRegistry retries the
   * subscription), then a background watch. Wildcard subscriptions stay upstream's.
   */
  @Override
  public void doSubscribe(URL url, NotifyListener listener) {
    if (CommonConstants.ANY_VALUE.equals(url.getServiceInterface())) {
      super.doSubscribe(url, listener);
      return;
    }
    Response<List<HealthService>> first = query(url, -1);
    notify(url, listener, providers(first.getValue(), url));
    Watch watch = new Watch(url, first.getConsulIndex() == null ? -1 : first.getConsulIndex());
    if (watches.putIfAbsent(url, watch) == null) {
      watchers.submit(watch);
    }
  }

  @Override
  public void doUnsubscribe(URL url, NotifyListener listener) {
    Watch watch = watches.remove(url);
    if (watch != null) {
      watch.stop();
    } else if (CommonConstants.ANY_VALUE.equals(url.getServiceInterface())) {
      super.doUnsubscribe(url, listener);
    }
  }

  @Override
  public void destroy() {
    keeper.shutdownNow();
    watches.values().forEach(Watch::stop);
    watchers.shutdownNow();
    super.destroy();
  }

  private Response<List<HealthService>> query(URL url, long index) {
    HealthServicesRequest request =
        HealthServicesRequest.newBuilder()
            .setTag(SERVICE_TAG)
            .setPassing(true)
            .setQueryParams(new QueryParams(WAIT_SECONDS, index))
            .setToken(token)
            .build();
    return client.getHealthServices(url.getServiceInterface(), request);
  }

  /**
   * Passing provider URLs that match the subscription, or one {@code empty://} URL (Dubbo's
   * "none").
   */
  static List<URL> providers(List<HealthService> services, URL subscription) {
    List<URL> urls =
        services == null
            ? List.of()
            : services.stream()
                .map(HealthService::getService)
                .filter(Objects::nonNull)
                .map(HealthService.Service::getMeta)
                .filter(m -> m != null && m.containsKey(URL_META_KEY))
                .map(m -> URL.valueOf(m.get(URL_META_KEY)))
                .filter(u -> UrlUtils.isMatch(subscription, u))
                .toList();
    if (!urls.isEmpty()) {
      return urls;
    }
    return List.of(
        URLBuilder.from(subscription)
            .setProtocol(RegistryConstants.EMPTY_PROTOCOL)
            .removeParameter(RegistryConstants.CATEGORY_KEY)
            .build());
  }

  private static boolean isEmpty(List<URL> urls) {
    return urls.size() == 1 && RegistryConstants.EMPTY_PROTOCOL.equals(urls.get(0).getProtocol());
  }

  /** The blocking-query loop of one subscription. */
  private final class Watch implements Runnable {
    private final URL url;
    private volatile boolean running = true;
    private long index;
    private long failingSinceMs;
    private long recoveredAtMs;

    Watch(URL url, long index) {
      this.url = url;
      this.index = index;
    }

    void stop() {
      running = false;
    }

    @Override
    public void run() {
      while (running && !Thread.currentThread().isInterrupted()) {
        try {
          poll();
        } catch (RuntimeException e) {
          if (failingSinceMs == 0) {
            failingSinceMs = System.currentTimeMillis();
            LOG.warn(
                "event=consul_watch_failed service={} error={} action=keep_addresses",
                url.getServiceInterface(),
                e.toString());
          }
          index =
              -1; // after the outage: take the whole list, whatever Consul's index did meanwhile
          sleep(RETRY_MS);
        }
      }
    }

    private void poll() {
      Response<List<HealthService>> response = query(url, index);
      long now = System.currentTimeMillis();
      if (failingSinceMs != 0) {
        LOG.info(
            "event=consul_watch_recovered service={} downMs={}",
            url.getServiceInterface(),
            now - failingSinceMs);
        failingSinceMs = 0;
        recoveredAtMs = now;
      }
      Long current = response.getConsulIndex();
      if (current == null || current == index) {
        return;
      }
      List<URL> urls = providers(response.getValue(), url);
      if (isEmpty(urls) && now - recoveredAtMs < EMPTY_GRACE_MS) {
        // Checks still critical after Consul's restart: keep the addresses, ask again shortly.
        index = -1;
        sleep(RETRY_MS);
        return;
      }
      // Consul's index may go backwards (e.g. a restored snapshot): then start over, as its docs
      // advise.
      index = current < index ? 0 : current;
      for (NotifyListener listener : getSubscribed().getOrDefault(url, Set.of())) {
        ResilientConsulRegistry.this.notify(url, listener, urls);
      }
    }

    private void sleep(long ms) {
      try {
        TimeUnit.MILLISECONDS.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The registry URL without the ACL token. The token reaches the Consul client through the
   * constructor; Dubbo prints this URL in warnings (a failed unregister of a consumer, for one), so
   * it must not carry the token.
   */
  @Override
  public URL getUrl() {
    return super.getUrl().removeParameter(VentConsulRegistryFactory.CONSUL_TOKEN_KEY);
  }

  /**
   * Whether Consul answers, asked where no ACL token is needed ({@code /v1/status/leader}).
   * Upstream asks {@code /v1/agent/self} without the token, which a Consul with ACLs refuses, so
   * every consumer's shutdown logged a failed unregister and unsubscribe per reference.
   */
  @Override
  public boolean isAvailable() {
    try {
      String leader = client.getStatusLeader().getValue();
      return leader != null && !leader.isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
