package vent.common.dubbo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.dubbo.config.ConsumerConfig;
import org.apache.dubbo.config.MethodConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ProviderConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import vent.common.config.RegistrySettings;
import vent.common.config.ServerSettings;
import vent.common.sentinel.SentinelBootstrap;

/**
 * One Dubbo application in this JVM: the services it provides over Triple and the references it
 * consumes, all registered in / discovered from Consul at interface level.
 *
 * <p>Use: {@link #provide}/{@link #refer} while building, then {@link #start()}, then
 * {@link ReferenceConfig#get()} on the references. Providers normally use
 * {@link ProviderServer}, which adds the shutdown sequence.
 */
public final class DubboNode {

  /** Sentinel's Dubbo 3 adapter filters (names from its META-INF/dubbo files), removed when Sentinel is off. */
  static final String WITHOUT_SENTINEL_PROVIDER_FILTERS = "-sentinel.dubbo.provider.filter";
  static final String WITHOUT_SENTINEL_CONSUMER_FILTERS =
      "-sentinel.dubbo.consumer.filter,-dubbo.application.context.name.filter";

  private final DubboBootstrap bootstrap;
  private final List<ReferenceConfig<?>> references = new ArrayList<>();
  private boolean protocolSet;

  /**
   * Create after {@link SentinelBootstrap#start} (if the process runs Sentinel): whether Sentinel's
   * Dubbo filters take part is decided here, from {@link SentinelBootstrap#isRunning()}.
   *
   * @param application Dubbo application name, e.g. {@code vent-provider-user}
   * @param registry where Consul is
   * @param loopbackOnly register and call on 127.0.0.1 only (STACK-NOTES item 3)
   */
  public DubboNode(String application, RegistrySettings registry, boolean loopbackOnly) {
    DubboDefaults.prepareJvm(loopbackOnly);
    this.bootstrap = DubboBootstrap.newInstance()
        .application(DubboDefaults.application(application))
        .registry(DubboDefaults.registry(registry));
    if (!SentinelBootstrap.isRunning()) {
      // Sentinel disabled or never started: its adapter's filters (auto-activated once on the class
      // path) must not count or block calls, nor start Sentinel's transport on their first call.
      ProviderConfig provider = new ProviderConfig();
      provider.setFilter(WITHOUT_SENTINEL_PROVIDER_FILTERS);
      ConsumerConfig consumer = new ConsumerConfig();
      consumer.setFilter(WITHOUT_SENTINEL_CONSUMER_FILTERS);
      bootstrap.provider(provider).consumer(consumer);
    }
  }

  /**
   * Exports {@code impl} over Triple on {@code server.port}.
   *
   * @param iface the generated service interface, e.g. {@code vent.user.v1.UserService}
   * @param impl its implementation (normally the generated {@code ...ImplBase} subclass)
   */
  public <T> DubboNode provide(Class<T> iface, T impl, ServerSettings server) {
    if (!protocolSet) {
      ProtocolConfig tri = new ProtocolConfig("tri", server.port);
      tri.setThreads(server.threads);
      bootstrap.protocol(tri);
      protocolSet = true;
    }
    ServiceConfig<T> service = new ServiceConfig<>();
    service.setInterface(iface);
    service.setRef(impl);
    service.setWarmup(server.warmupMs);
    if (server.accessLog) {
      service.setParameters(java.util.Map.of(AccessLogFilter.KEY, "true"));
    }
    bootstrap.service(service);
    return this;
  }

  /**
   * Declares a reference to a provider found through Consul, balanced round-robin over every
   * healthy instance. Methods in {@code notRetried} (Dubbo method names, lowerCamelCase, e.g.
   * {@code createUser}) fail fast; the others are retried {@code retries} times on another
   * instance (use only for idempotent calls).
   *
   * @param timeoutMs per-call timeout, milliseconds
   */
  public <T> ReferenceConfig<T> refer(Class<T> iface, int timeoutMs, int retries, Set<String> notRetried) {
    ReferenceConfig<T> ref = new ReferenceConfig<>();
    ref.setInterface(iface);
    // No protocol on the reference: "tri" here would register the consumer in Consul as a
    // port-0 provider instance (STACK-NOTES item 5). Calls still use Triple.
    ref.setCheck(false);
    ref.setTimeout(timeoutMs);
    ref.setRetries(retries);
    ref.setLoadbalance("roundrobin");
    ref.setCluster("failover");
    List<MethodConfig> methods = new ArrayList<>();
    for (String name : notRetried) {
      MethodConfig method = new MethodConfig();
      method.setName(name);
      method.setRetries(0);
      methods.add(method);
    }
    ref.setMethods(methods);
    bootstrap.reference(ref);
    references.add(ref);
    return ref;
  }

  /** Exports services, registers them in Consul and connects references. */
  public DubboNode start() {
    bootstrap.start();
    return this;
  }

  /** Removes this application's services from Consul; keeps serving in-flight and new calls. */
  public void deregister() {
    bootstrap.getApplicationModel().getDeployer().preDestroy();
  }

  /** Closes servers (waiting up to dubbo.service.shutdown.wait for in-flight calls) and clients. */
  public void stop() {
    bootstrap.stop();
  }
}
