package vent.common.dubbo;

import io.grpc.health.v1.HealthCheckResponse;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.utils.ClassUtils;
import org.apache.dubbo.config.ConsumerConfig;
import org.apache.dubbo.config.MethodConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ProviderConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.SslConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.apache.dubbo.rpc.model.DubboStub;
import org.apache.dubbo.rpc.model.MethodDescriptor;
import org.apache.dubbo.rpc.protocol.tri.service.HealthStatusManager;
import org.apache.dubbo.rpc.protocol.tri.service.TriBuiltinService;
import org.apache.dubbo.rpc.stub.StubSuppliers;
import vent.common.config.CallerSettings;
import vent.common.config.RegistrySettings;
import vent.common.config.ServerSettings;
import vent.common.config.TlsSettings;
import vent.common.sentinel.SentinelBootstrap;

/**
 * One Dubbo application in this JVM: the services it provides over Triple and the references it
 * consumes, all registered in / discovered from Consul at interface level.
 *
 * <p>Use: {@link #provide}/{@link #refer} while building, then {@link #start()}, then {@link
 * ReferenceConfig#get()} on the references. Providers normally use {@link ProviderServer}, which
 * adds the shutdown sequence.
 */
public final class DubboNode {

  /**
   * Per method and instance; only there to make Dubbo count active calls for least-active
   * balancing.
   */
  static final int ACTIVE_CALLS_LIMIT = 10_000;

  /**
   * Dubbo's built-in provider filters that Vent does not use, left out of every provider's chain
   * (extension names from Dubbo's {@code META-INF/dubbo/internal/org.apache.dubbo.rpc.Filter}):
   *
   * <ul>
   *   <li>{@code profiler-server}: Dubbo's per-call profiler. It asks for the caller's address on
   *       every served call; for a caller on 127.0.0.1 Dubbo then looks up this host's own address,
   *       which with the non-loopback interfaces hidden ({@link LoopbackNetwork}) is never found
   *       and never cached: every call would rescan all network interfaces. What is lost: Dubbo's
   *       warning for calls close to their timeout.
   *   <li>{@code monitor}: counts for a Dubbo monitor, and Vent configures none.
   *   <li>{@code metrics-provider}: Dubbo's own RPC metrics, which Vent exports nowhere; its RPC
   *       timers and counters come from {@code RpcMetricsFilter}.
   * </ul>
   *
   * Together with {@link #UNUSED_CONSUMER_FILTERS}: 6-13% less CPU per Triple call (figures:
   * docs/BENCHMARKS.md, B3).
   */
  static final String UNUSED_PROVIDER_FILTERS = "-profiler-server,-monitor,-metrics-provider";

  /**
   * Dubbo's built-in consumer and cluster filters that Vent does not use, left out of every
   * reference's chain: {@code monitor} (no Dubbo monitor), {@code metricsConsumerFilter} and {@code
   * metricsClusterFilter} (Dubbo's own RPC metrics, exported nowhere), {@code
   * contextHolderParametersSelectedTransfer} (Spring Security's context, which Vent does not run),
   * {@code router-snapshot} (a QoS debugging aid, off) and {@code future} (the {@code oninvoke} /
   * {@code onreturn} / {@code onthrow} callbacks of Dubbo's method config; Vent's calls complete
   * through their {@code CompletableFuture}).
   */
  static final String UNUSED_CONSUMER_FILTERS =
      "-monitor,-metricsConsumerFilter,-metricsClusterFilter,"
          + "-contextHolderParametersSelectedTransfer,-router-snapshot,-future";

  /**
   * Sentinel's Dubbo 3 adapter filters (names from its META-INF/dubbo files), removed when Sentinel
   * is off.
   */
  static final String SENTINEL_PROVIDER_FILTERS = "-sentinel.dubbo.provider.filter";

  static final String SENTINEL_CONSUMER_FILTERS =
      "-sentinel.dubbo.consumer.filter,-dubbo.application.context.name.filter";

  static final String NETTY_ENDPOINT_VERIFICATION =
      "io.netty.handler.ssl.defaultEndpointVerificationAlgorithm";

  private final String application;
  private final DubboBootstrap bootstrap;
  private final List<ReferenceConfig<?>> references = new ArrayList<>();
  private final boolean loopbackOnly;
  private boolean protocolSet;
  private final List<String> provided = new ArrayList<>();
  private HealthStatusManager health;

  /**
   * @param application Dubbo application name, e.g. {@code vent-provider-user}
   * @param registry where Consul is
   * @param loopbackOnly register and call on 127.0.0.1 only ({@link LoopbackNetwork})
   * @param sentinel Sentinel's Dubbo adapter filters count and block this node's calls; true only
   *     in a process whose {@link SentinelBootstrap#start} has started Sentinel ({@code
   *     sentinel.enabled}). When false the filters, auto-activated once on the class path, are left
   *     out of every filter chain, so they neither count nor start Sentinel's transport.
   */
  public DubboNode(
      String application, RegistrySettings registry, boolean loopbackOnly, boolean sentinel) {
    DubboDefaults.prepareJvm(loopbackOnly);
    this.loopbackOnly = loopbackOnly;
    this.application = application;
    this.bootstrap =
        DubboBootstrap.newInstance()
            .application(DubboDefaults.application(application))
            .registry(DubboDefaults.registry(registry));
    ProviderConfig provider = new ProviderConfig();
    ConsumerConfig consumer = new ConsumerConfig();
    provider.setFilter(
        sentinel
            ? UNUSED_PROVIDER_FILTERS
            : SENTINEL_PROVIDER_FILTERS + "," + UNUSED_PROVIDER_FILTERS);
    consumer.setFilter(
        sentinel
            ? UNUSED_CONSUMER_FILTERS
            : SENTINEL_CONSUMER_FILTERS + "," + UNUSED_CONSUMER_FILTERS);
    bootstrap.provider(provider);
    bootstrap.consumer(consumer);
  }

  /**
   * Exports {@code impl} over Triple on {@code server.port}: on 127.0.0.1 only when this node is
   * loopback-only ({@link LoopbackTransporter}), else on every interface. One JVM serves a service
   * once: Dubbo's Triple path table refuses a second exporter of an interface whose Java name
   * differs from its proto name, as every vent-api interface's does ({@link #protoName}).
   *
   * @param iface the generated service interface, e.g. {@code dev.vent.user.v1.UserService}
   * @param impl its implementation (normally the generated {@code ...ImplBase} subclass)
   */
  public <T> DubboNode provide(Class<T> iface, T impl, ServerSettings server) {
    if (!protocolSet) {
      ProtocolConfig tri = new ProtocolConfig("tri", server.port);
      tri.setThreads(server.threads);
      if (loopbackOnly) {
        // A parameter rather than setTransporter(): Dubbo validates that setting against the
        // other (non-Triple) Transporter extension point.
        tri.setParameters(java.util.Map.of(LoopbackTransporter.KEY, LoopbackTransporter.NAME));
      }
      bootstrap.protocol(tri);
      protocolSet = true;
    }
    provided.add(iface.getName());
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
   * Declares a reference to a provider found through Consul, balanced over every healthy instance
   * by least active calls (ties: weighted random). A call that fails on its instance (lost,
   * unreachable, timed out) is retried {@code retries} times on another instance, except for the
   * methods in {@code notRetried}, which get exactly one attempt.
   *
   * <p>{@code notRetried} holds Java method names of {@code iface}, as callers write the call:
   * {@code createUser} for the proto rpc {@code CreateUser}, never the {@code ...Async} variant (it
   * calls the same rpc and is covered with it). Dubbo looks a method's retries up under the name
   * the call is invoked with, and a stub generated by dubbo-compiler invokes with the proto rpc
   * name ({@code CreateUser}), while Dubbo's own per-method configuration ({@link MethodConfig})
   * accepts only Java names. So each name is resolved here, through the stub's service descriptor,
   * to its rpc name, and the no-retry setting is written under both.
   *
   * @param timeoutMs per-attempt timeout, milliseconds
   * @param retries further attempts after a failed one, for the methods not in {@code notRetried}
   *     (use only for idempotent calls)
   * @throws IllegalArgumentException if a name in {@code notRetried} is not a method of {@code
   *     iface} that calls an rpc (a misspelt name would otherwise leave its method retried)
   */
  public <T> ReferenceConfig<T> refer(
      Class<T> iface, int timeoutMs, int retries, Set<String> notRetried) {
    Map<String, String> noRetries = noRetryParameters(iface, notRetried);
    ReferenceConfig<T> ref = new ReferenceConfig<>();
    ref.setInterface(iface);
    // No protocol on the reference: "tri" here would register the consumer in Consul as a
    // port-0 instance under the provider's name. Calls still use Triple.
    ref.setCheck(false);
    ref.setTimeout(timeoutMs);
    ref.setRetries(retries);
    // Least-active: an instance with calls stuck on it (hung, overloaded) gets no new ones while
    // a healthy one is idle; round-robin kept sending it every other call until Consul's TTL
    // check expired (fault suite, slow provider). Dubbo counts active calls only where the
    // ActiveLimitFilter runs, which "actives" turns on; the limit itself is never reached.
    ref.setLoadbalance("leastactive");
    ref.setActives(ACTIVE_CALLS_LIMIT);
    ref.setCluster("failover");
    ref.setParameters(noRetries);
    bootstrap.reference(ref);
    references.add(ref);
    return ref;
  }

  /**
   * The consumer-URL parameters that give the methods in {@code notRetried} one attempt: {@code
   * <name>.retries=0} under the Java name and under the name calls are invoked with, and a {@code
   * methods} list that includes the latter.
   *
   * <p>Why the list: Dubbo 3.3's failover cluster reads {@code
   * url.getMethodParameter(invocationName, "retries")}, and {@code URLParam} answers a method
   * parameter only for a method named in the URL's {@code methods} parameter; the reference fills
   * that with the Java method names, so {@code CreateUser.retries} alone would be ignored.
   *
   * @throws IllegalArgumentException as {@link #refer}
   */
  static Map<String, String> noRetryParameters(Class<?> iface, Set<String> notRetried) {
    Map<String, String> invokedAs = invocationNames(iface);
    Map<String, String> parameters = new HashMap<>();
    for (String name : notRetried) {
      String invoked = invokedAs.get(name);
      if (invoked == null) {
        throw new IllegalArgumentException(
            "not-retried method \""
                + name
                + "\" is not a method of "
                + iface.getName()
                + " that calls an rpc; expected one of "
                + new TreeSet<>(invokedAs.keySet()));
      }
      parameters.put(name + "." + CommonConstants.RETRIES_KEY, "0");
      parameters.put(invoked + "." + CommonConstants.RETRIES_KEY, "0");
    }
    if (!parameters.isEmpty()) {
      Set<String> methods = new TreeSet<>(Arrays.asList(ClassUtils.getMethodNames(iface)));
      methods.addAll(invokedAs.values());
      parameters.put(CommonConstants.METHODS_KEY, String.join(",", methods));
    }
    return parameters;
  }

  /**
   * @return for each Java method of {@code iface} that calls an rpc, the method name Dubbo's
   *     invocation carries: for a stub generated by dubbo-compiler ({@link DubboStub}) the proto
   *     rpc name of the stub's method descriptor, whose first letter the generator lower-cases for
   *     the Java name; for any other interface the Java name itself
   */
  static Map<String, String> invocationNames(Class<?> iface) {
    Map<String, String> names = new HashMap<>();
    if (!DubboStub.class.isAssignableFrom(iface)) {
      for (Method method : iface.getMethods()) {
        names.put(method.getName(), method.getName());
      }
      return names;
    }
    // The descriptors also hold server-side entries for the ...Async Java methods (e.g.
    // "CreateUserAsync"); clients never invoke with those, and matching the Java method's
    // return type (CompletableFuture there) leaves them out.
    for (MethodDescriptor rpc :
        StubSuppliers.getServiceDescriptor(iface.getName()).getAllMethods()) {
      String rpcName = rpc.getMethodName();
      String javaName = Character.toLowerCase(rpcName.charAt(0)) + rpcName.substring(1);
      for (Method method : iface.getMethods()) {
        if (method.getName().equals(javaName)
            && method.getReturnType() == rpc.getReturnClass()
            && Arrays.equals(method.getParameterTypes(), rpc.getParameterClasses())) {
          names.put(javaName, rpcName);
        }
      }
    }
    return names;
  }

  /**
   * Turns on Triple over TLS with mutual authentication for every port this node serves and every
   * provider it calls ({@link TlsSettings}); does nothing when {@code tls.enabled} is false. Call
   * before {@link #start()}. One certificate per process: calls out of this JVM use the certificate
   * of the first node given one.
   */
  public DubboNode tls(TlsSettings tls) {
    if (tls.enabled) {
      // Dubbo 3.3.6 opens client TLS engines without the provider's host name, and Netty 4.2
      // checks host names by default, so every handshake would fail ("Hostname or IP address is
      // undefined"). Identity here is the CA (TlsSettings): Netty's documented switch turns the
      // default check off. It is JVM-wide: a Netty TLS client that needs host-name checks in a
      // Vent process must set its algorithm explicitly.
      System.setProperty(NETTY_ENDPOINT_VERIFICATION, "NONE");
      bootstrap.ssl(sslConfig(tls));
      // Consumer connections to providers found in Consul are built from URLs that carry no
      // application, so Dubbo looks their TLS settings up in the JVM's default application
      // (without this, the consumer connects in plaintext and is refused). Every
      // Vent process has one certificate, so the default application gets the same settings
      // (from the first node that asks, should a process ever hold several).
      var defaults = ApplicationModel.defaultModel().getApplicationConfigManager();
      if (defaults.getSsl().isEmpty()) {
        defaults.setSsl(sslConfig(tls));
      }
    }
    return this;
  }

  /**
   * Caller authentication ({@link CallerAuthFilter}, {@link CallerCredentialFilter}): calls out of
   * this node carry its caller name ({@code callers.name}, else the application name) and secret;
   * its provided methods that list allowed callers in the IDL serve only those, once {@code
   * callers.trusted} names any caller. Call before {@link #start()}.
   *
   * @return true when this node's provided methods are enforced (some caller is trusted)
   */
  public boolean callers(CallerSettings callers) {
    String name = callers.name == null || callers.name.isBlank() ? application : callers.name;
    CallerAuth auth = new CallerAuth(name, callers);
    bootstrap.getApplicationModel().getBeanFactory().registerBean(auth);
    return auth.enforcing();
  }

  private static SslConfig sslConfig(TlsSettings tls) {
    SslConfig ssl = new SslConfig();
    // Providers: present the certificate; require clients' certificates from the CA (mutual).
    ssl.setServerKeyCertChainPath(tls.certChain);
    ssl.setServerPrivateKeyPath(tls.privateKey);
    ssl.setServerTrustCertCollectionPath(tls.trustCerts);
    // Consumers: present the same certificate; accept only providers' certificates from the CA.
    ssl.setClientKeyCertChainPath(tls.certChain);
    ssl.setClientPrivateKeyPath(tls.privateKey);
    ssl.setClientTrustCertCollectionPath(tls.trustCerts);
    return ssl;
  }

  /**
   * Exports services, registers them in Consul and connects references. With Triple's built-in
   * services on ({@link DubboDefaults#enableBuiltinServices()}) and a service exported, this node
   * then serves its own {@code grpc.health.v1.Health}: Dubbo keeps the status manager of the one it
   * registers in a private field, so it is replaced (same path, the port's path table) by one this
   * node can set NOT_SERVING ({@link #notServing()}); each exported service is SERVING under its
   * Java interface's name (Dubbo's, as in Consul) and under its proto service's name ({@link
   * #protoName}), the one gRPC clients know it by.
   */
  public DubboNode start() {
    bootstrap.start();
    if (!provided.isEmpty() && Boolean.getBoolean(DubboDefaults.BUILTIN_SERVICES)) {
      health =
          new TriBuiltinService(bootstrap.getApplicationModel().getFrameworkModel())
              .getHealthStatusManager();
      for (String service : provided) {
        health.setStatus(service, HealthCheckResponse.ServingStatus.SERVING);
        health.setStatus(protoName(service), HealthCheckResponse.ServingStatus.SERVING);
      }
    }
    return this;
  }

  /**
   * The name gRPC knows an exported service by: the proto service's full name ({@code
   * vent.user.v1.UserService}) that dubbo-compiler gives the stub's descriptor, whatever the Java
   * package ({@code dev.vent.user.v1.UserService}); the Java name for any other interface.
   *
   * @param javaName an exported interface's Java name
   */
  static String protoName(String javaName) {
    try {
      return StubSuppliers.getServiceDescriptor(javaName).getInterfaceName();
    } catch (IllegalStateException e) {
      return javaName; // no dubbo-compiler stub: the Java name is its only name
    }
  }

  /**
   * Reports NOT_SERVING on the gRPC health service, for the server and every service, for good;
   * keeps serving calls. No-op without the built-in services.
   */
  public void notServing() {
    if (health != null) {
      health.enterTerminalState();
    }
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
