package vent.bench.rpc;

import dev.vent.user.v1.DubboUserServiceTriple;
import dev.vent.user.v1.GetUserRequest;
import dev.vent.user.v1.User;
import dev.vent.user.v1.UserService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import org.apache.dubbo.common.profiler.ProfilerSwitch;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.rpc.TriRpcStatus;
import vent.common.config.ProviderConfig;
import vent.common.config.RegistrySettings;
import vent.common.dubbo.DubboNode;
import vent.common.dubbo.ProviderServer;

/**
 * B3's subject: a Dubbo Triple provider of {@code vent.user.v1.UserService} and a consumer
 * reference to it, in this JVM, talking h2c over 127.0.0.1.
 *
 * <p>Both sides are built by vent-common exactly as Vent's processes build them: the provider by
 * {@link ProviderServer} (Triple protocol, its business thread pool of {@code
 * ServerSettings.threads}, the loopback-only transporter, Vent's provider filters), the consumer by
 * {@link DubboNode#refer} as vent-web does for {@code UserService} (timeout, retries, least-active
 * balancing with active-call counting, failover cluster, Vent's consumer filters). Two differences,
 * both outside the call path: no Consul (the registry is Dubbo's "N/A" and the reference gets the
 * provider's URL directly), and no Sentinel (its filters are left out, as in a Vent process with
 * {@code sentinel.enabled: false}; its cost is measured separately by {@code
 * bench/sentinel-cost.sh}).
 *
 * <p>Dubbo reads its JVM-wide settings ({@code -Ddubbo.*} system properties, e.g. {@code
 * -Ddubbo.protocol.threadpool=...}) on start-up, so they apply here as in a Vent process.
 * Thread-safe once constructed; {@link #close()} stops the consumer, then the provider.
 */
public final class TripleEndpoint implements AutoCloseable {

  /**
   * System property, default {@code true} (Dubbo's default, what Vent runs today): {@code false}
   * turns Dubbo's "simple profiler" off before the provider starts, as a call of {@code
   * ProfilerSwitch.disableSimpleProfiler()} in vent-common would (Dubbo has no {@code dubbo.*}
   * property for it). Why it matters: the provider-side {@code ProfilerServerFilter} asks for the
   * caller's address on every call, and for a loopback caller Dubbo then looks for this host's
   * address ({@code NetUtils.getLocalHost()}); with every non-loopback interface hidden ({@code
   * LoopbackNetwork}) that lookup never succeeds, so it is never cached and every served call scans
   * all network interfaces again. Excluding the filter ({@code
   * -Ddubbo.provider.filter=-sentinel.dubbo.provider.filter,-profiler-server}) avoids the same
   * cost.
   */
  public static final String SIMPLE_PROFILER = "vent.bench.dubbo.simpleProfiler";

  /** vent-web's retries of reads ({@code rpc.readRetries}); never used here, as no call fails. */
  static final int READ_RETRIES = 2;

  private final int port;
  private final ProviderServer provider;
  private final DubboNode consumer;
  private final UserService users;

  /**
   * Exports the provider on a free port of 127.0.0.1, then connects the consumer to it.
   *
   * @param timeoutMs the reference's per-call timeout, milliseconds (vent-web: 3000)
   * @throws IOException if no free port can be found
   * @throws IllegalStateException (from Dubbo) if either side fails to start
   */
  public TripleEndpoint(int timeoutMs) throws IOException {
    this.port = freeLoopbackPort();
    if (!Boolean.parseBoolean(System.getProperty(SIMPLE_PROFILER, "true"))) {
      ProfilerSwitch.disableSimpleProfiler();
    }

    ProviderConfig config = new ProviderConfig();
    config.application = "vent-bench-triple-provider";
    config.registry = new NoRegistry();
    config.sentinel.enabled = false;
    // No registry, so no Consul KV either: the global configuration is this config's own values.
    config.globalConfig.kvPrefix = "vent-bench/config";
    config.server.port = port;
    config.server.loopbackOnly = true;
    // Nobody to drain: no registry, and the only consumer is stopped first.
    config.server.drainMs = 0;
    config.server.shutdownWaitMs = 2000;
    ProviderServer server =
        new ProviderServer(config).provide(UserService.class, new Impl()).start();
    this.provider = server;

    DubboNode node = new DubboNode("vent-bench-triple-consumer", new NoRegistry(), true, false);
    try {
      ReferenceConfig<UserService> ref =
          node.refer(UserService.class, timeoutMs, READ_RETRIES, Set.of());
      // Direct URL instead of Consul discovery; it also rules out Dubbo's in-JVM shortcut
      // (injvm), which would skip the network and the codec.
      ref.setUrl("tri://127.0.0.1:" + port);
      node.start();
      this.users = ref.get();
      this.consumer = node;
    } catch (RuntimeException e) {
      node.stop();
      server.stop();
      throw e;
    }
  }

  /**
   * @return the provider's port (on 127.0.0.1)
   */
  public int port() {
    return port;
  }

  /**
   * One blocking unary {@code GetUser} call through the consumer reference.
   *
   * @throws org.apache.dubbo.rpc.RpcException NOT_FOUND for an unknown id, or any transport failure
   */
  public User getUser(GetUserRequest request) {
    return users.getUser(request);
  }

  @Override
  public void close() {
    try {
      consumer.stop();
    } finally {
      provider.stop();
    }
  }

  /**
   * Dubbo takes a port number, not a bound socket: ask the kernel for a free one on loopback.
   * Another process could take it before Dubbo binds; start-up then fails loudly (port in use).
   */
  static int freeLoopbackPort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  /**
   * Registry settings that make {@code DubboNode} configure no registry at all: Dubbo's {@code N/A}
   * address. The rest of vent-common's registry settings (no config/metadata centre, simplified
   * URLs) then have nothing to act on.
   */
  private static final class NoRegistry extends RegistrySettings {
    @Override
    public String dubboAddress() {
      return RegistryConfig.NO_AVAILABLE;
    }

    @Override
    public String toString() {
      return RegistryConfig.NO_AVAILABLE;
    }
  }

  /** The same lookup as {@link GrpcJavaEndpoint}'s implementation, in Dubbo's stub shape. */
  private static final class Impl extends DubboUserServiceTriple.UserServiceImplBase {
    @Override
    public User getUser(GetUserRequest request) {
      User user = BenchUsers.find(request.getId());
      if (user == null) {
        throw TriRpcStatus.NOT_FOUND
            .withDescription(BenchUsers.notFound(request.getId()))
            .asException();
      }
      return user;
    }
  }
}
