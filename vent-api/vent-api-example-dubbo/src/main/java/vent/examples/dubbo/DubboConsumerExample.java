package vent.examples.dubbo;

import dev.vent.user.v1.GetUserRequest;
import dev.vent.user.v1.User;
import dev.vent.user.v1.UserService;
import java.util.Map;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.apache.dubbo.rpc.RpcException;

/**
 * A Dubbo Triple consumer of the user provider, found in Consul: vent-api-dubbo's {@code
 * UserService} stub, Dubbo and dubbo-registry-consul, nothing else of Vent's. {@code GetUser} takes
 * any caller, so no caller name or secret is sent (methods restricted by {@code
 * (vent.common.v1.allowed_callers)} need them: {@code vent/common/v1/caller.proto}).
 *
 * <p>Run: {@code DubboConsumerExample CONSUL_HOST:PORT USER_ID [CONSUL_ACL_TOKEN]}, e.g. {@code
 * 127.0.0.1:8500 1}. The token, if Consul has ACLs, needs {@code service:read} on the Vent
 * services; dubbo-registry-consul reads it from the registry URL, which Dubbo logs at INFO. Against
 * a stack whose providers listen on 127.0.0.1 only ({@code ./vent up} on one machine) add {@code
 * -Ddubbo.network.interface.ignored=<every non-loopback interface>}: Dubbo replaces a provider
 * address 127.0.0.1 with the host's first non-loopback address unless it sees none.
 */
public final class DubboConsumerExample {

  private DubboConsumerExample() {}

  /** Prints the user with id {@code args[1]}, or the failure's gRPC status. */
  public static void main(String[] args) {
    // Vent registers its services at interface level only (Consul keeps no Dubbo metadata).
    System.setProperty("dubbo.application.service-discovery.migration", "FORCE_INTERFACE");
    ApplicationConfig application = new ApplicationConfig("vent-example-consumer");
    application.setQosEnable(false);
    application.setRegisterMode("interface");
    application.setMetadataType("local");
    RegistryConfig registry = new RegistryConfig("consul://" + args[0]);
    registry.setUseAsConfigCenter(false);
    registry.setUseAsMetadataCenter(false);
    if (args.length > 2) {
      registry.setParameters(Map.of("token", args[2]));
    }
    ReferenceConfig<UserService> reference = new ReferenceConfig<>();
    reference.setInterface(UserService.class);
    reference.setTimeout(5_000);
    DubboBootstrap bootstrap =
        DubboBootstrap.newInstance().application(application).registry(registry);
    bootstrap.reference(reference).start();
    try {
      User user = reference.get().getUser(GetUserRequest.newBuilder().setId(args[1]).build());
      System.out.println("user " + user.getUsername());
    } catch (RpcException e) {
      // The gRPC status of a failed call: its message is "REASON: detail" (the IDL's ErrorReason).
      System.out.println("failed: " + e.getMessage());
    } finally {
      bootstrap.destroy();
    }
  }
}
