package vent.common.dubbo;

import java.util.Map;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.RegistryConfig;
import vent.common.config.RegistrySettings;

/** The Dubbo settings every Vent process shares, provider or consumer. */
final class DubboDefaults {

  /** The registry URL parameter dubbo-registry-consul takes the Consul ACL token from. */
  static final String REGISTRY_TOKEN_KEY = "token";

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
    // Interface-level discovery only: Consul has no Dubbo metadata/mapping support
    // (STACK-NOTES item 4), so skip the application-level attempt and its warnings.
    System.setProperty("dubbo.application.service-discovery.migration", "FORCE_INTERFACE");
    // Vent runs its own shutdown sequence (deregister, drain, close): see ProviderServer.
    System.setProperty("dubbo.shutdownHook.listenIgnore", "true");
  }

  static ApplicationConfig application(String name) {
    ApplicationConfig app = new ApplicationConfig(name);
    app.setQosEnable(false);
    app.setRegisterMode("interface");
    app.setMetadataType("local");
    app.setEnableFileCache(false);
    return app;
  }

  static RegistryConfig registry(RegistrySettings settings) {
    RegistryConfig registry = new RegistryConfig(settings.dubboAddress());
    registry.setUseAsConfigCenter(false);
    registry.setUseAsMetadataCenter(false);
    // dubbo-registry-consul stores the whole provider URL in one Consul service-meta value,
    // and Consul refuses values over 512 characters; a service with many methods exceeds it.
    // The simplified URL keeps only what consumers need (path, side, timeout, warmup, ...).
    registry.setSimplified(true);
    if (settings.hasToken()) {
      // dubbo-registry-consul 3.2.0 reads the ACL token from the registry URL parameter "token"
      // (ConsulRegistry: url.getParameter(TOKEN_KEY)) and sends it on every registration, TTL
      // pass, deregistration and health query. It stays out of the address, which is what
      // Dubbo's registry log lines print.
      registry.setParameters(Map.of(REGISTRY_TOKEN_KEY, settings.tokenValue()));
    }
    return registry;
  }
}
