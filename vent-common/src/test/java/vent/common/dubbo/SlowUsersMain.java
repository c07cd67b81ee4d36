package vent.common.dubbo;

import dev.vent.user.v1.CreateUserRequest;
import dev.vent.user.v1.DubboUserServiceTriple;
import dev.vent.user.v1.GetUserRequest;
import dev.vent.user.v1.User;
import dev.vent.user.v1.UserService;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import vent.common.config.RegistrySettings;
import vent.common.config.ServerSettings;

/**
 * A user-service provider process for {@link DubboNodeIT}: one instance of a service that sleeps
 * past its callers' timeout and counts the calls it receives. Each instance runs in a process of
 * its own: every {@link DubboNode} of a JVM shares Dubbo's default framework model and with it
 * Triple's table of served paths, so two instances of one service in one JVM would both be served
 * by one implementation.
 *
 * <p>Arguments: instance name, Triple port, Consul HTTP port. Registers in Consul on 127.0.0.1 and
 * serves until its standard input closes.
 */
public final class SlowUsersMain {

  /** The id for which {@code GetUser} sleeps. */
  static final String SLOW_ID = "slow";

  /** The id for which {@code GetUser} answers the counters instead of a user. */
  static final String COUNTS_ID = "counts";

  static final long SLOW_MS = 1500;

  private SlowUsersMain() {}

  /**
   * {@code CreateUser} always sleeps {@link #SLOW_MS}; {@code GetUser} sleeps for {@link #SLOW_ID},
   * answers the counters for {@link #COUNTS_ID} (display name: CreateUser calls, bio: slow GetUser
   * calls) and otherwise answers at once; every answer's id is this instance's name.
   */
  static final class SlowUsers extends DubboUserServiceTriple.UserServiceImplBase {
    private final String name;
    private final AtomicInteger createUserCalls = new AtomicInteger();
    private final AtomicInteger slowGetUserCalls = new AtomicInteger();

    SlowUsers(String name) {
      this.name = name;
    }

    @Override
    public User createUser(CreateUserRequest request) {
      createUserCalls.incrementAndGet();
      sleep();
      return User.newBuilder().setId(name).build();
    }

    @Override
    public User getUser(GetUserRequest request) {
      User.Builder user = User.newBuilder().setId(name);
      switch (request.getId()) {
        case SLOW_ID -> {
          slowGetUserCalls.incrementAndGet();
          sleep();
        }
        case COUNTS_ID ->
            user.setDisplayName(String.valueOf(createUserCalls.get()))
                .setBio(String.valueOf(slowGetUserCalls.get()));
        default -> {}
      }
      return user.build();
    }

    private static void sleep() {
      try {
        TimeUnit.MILLISECONDS.sleep(SLOW_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public static void main(String[] args) throws IOException {
    String name = args[0];
    ServerSettings server = new ServerSettings();
    server.port = Integer.parseInt(args[1]);
    RegistrySettings registry = new RegistrySettings();
    registry.port = Integer.parseInt(args[2]);
    DubboNode node =
        new DubboNode("vent-provider-" + name + "-test", registry, true, false)
            .provide(UserService.class, new SlowUsers(name), server)
            .start();
    System.out.println("event=slow_users_started name=" + name + " port=" + server.port);
    // The parent test holds the other end: its exit (or kill) ends this process too.
    while (System.in.read() != -1) {
      // ignore input
    }
    node.stop();
    System.exit(0);
  }
}
