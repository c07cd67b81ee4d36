package vent.common.dubbo;

import java.util.Map;
import org.apache.dubbo.common.profiler.ProfilerSwitch;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.RegistryConfig;
import vent.common.config.RegistrySettings;

/** The Dubbo settings every Vent process shares, provider or consumer. */
final class DubboDefaults {

  private DubboDefaults() {}

  /**
   * Must run before Dubbo is first touched: system properties are read once.
   *
   * @param loopbackOnly whether to register and call on 127.0.0.1 only
   */
  static void prepareJvm(boolean loopbackOnly) {
    // Route Dubbo's own logging through SLF4J (it would pick java.util.logging otherwise).
    System.setProperty("dubbo.application.logger", "slf4j");
    if (loopbackOnly) {
      LoopbackNetwork.apply();
    }
    // Interface-level discovery only: Consul has no Dubbo metadata/mapping support, so
    // application-level discovery cannot work; skip its attempt and its warnings.
    System.setProperty("dubbo.application.service-discovery.migration", "FORCE_INTERFACE");
    // Vent runs its own shutdown sequence (deregister, drain, close): see ProviderServer.
    System.setProperty("dubbo.shutdownHook.listenIgnore", "true");
    // Dubbo's simple profiler warns of every slow call on both sides (InvocationUtil,
    // ProfilerServerFilter) with the whole invocation context, attachments included, and the
    // caller secret travels as an attachment: off, so no slow call can write it into a log.
    // Slow calls stay visible in the access logs and Sentinel's statistics.
    ProfilerSwitch.disableSimpleProfiler();
    // Netty's native epoll transport (Linux; Netty falls back to NIO elsewhere): less CPU per
    // Triple call than NIO (figures: docs/BENCHMARKS.md, B3). An operator's -D wins.
    if (System.getProperty(NETTY_EPOLL) == null) {
      System.setProperty(NETTY_EPOLL, "true");
    }
  }

  /**
   * Serves Triple's built-in gRPC services on a provider's port: {@code grpc.health.v1.Health} (the
   * server "" and each exported service by its Java and its proto name: SERVING, NOT_SERVING from
   * the start of the drain, {@link DubboNode#notServing()}) and {@code
   * grpc.reflection.v1alpha.ServerReflection}, so {@code grpcurl} and {@code grpc_health_probe}
   * work against any instance. Dubbo adds them to the port's path table directly, outside every
   * filter chain: no caller credential, no Sentinel rule applies. Must run before the first Triple
   * export (TripleProtocol reads it once).
   */
  static void enableBuiltinServices() {
    System.setProperty(BUILTIN_SERVICES, "true");
  }

  /** Dubbo 3.3's switch for Triple's built-in health and reflection services (default false). */
  static final String BUILTIN_SERVICES = "dubbo.tri.builtin.service.init";

  /** Dubbo's switch between Netty's epoll and NIO transports. */
  static final String NETTY_EPOLL = "netty.epoll.enable";

  static ApplicationConfig application(String name) {
    ApplicationConfig app = new ApplicationConfig(name);
    app.setQosEnable(false);
    app.setRegisterMode("interface");
    app.setMetadataType("local");
    app.setEnableFileCache(false);
    return app;
  }

  /**
   * Consul at {@code settings} through {@link VentConsulRegistryFactory}: watches that survive a
   * Consul outage, and an ACL token (if any) kept out of Dubbo's configuration and URLs (Dubbo logs
   * both at INFO).
   */
  static RegistryConfig registry(RegistrySettings settings) {
    RegistryConfig registry = new RegistryConfig(settings.dubboAddress());
    registry.setUseAsConfigCenter(false);
    registry.setUseAsMetadataCenter(false);
    // dubbo-registry-consul stores the whole provider URL in one Consul service-meta value,
    // and Consul refuses values over 512 characters; a service with many methods exceeds it.
    // The simplified URL keeps only what consumers need (path, side, timeout, warmup, ...).
    registry.setSimplified(true);
    if (settings.hasToken()) {
      registry.setParameters(
          Map.of(
              VentConsulRegistryFactory.TOKEN_REF_KEY,
              VentConsulRegistryFactory.reference(settings.tokenValue())));
    }
    return registry;
  }
}
