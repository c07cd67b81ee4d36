package vent.common.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process for tests on a free loopback port, stopped when the JVM
 * exits: one shared per JVM, started on first use ({@link #shared()}), or one of its own with an
 * ACL user ({@link #withAclUser}). The binary is {@code $VENT_REDIS_SERVER}, else {@code
 * redis-server} on the PATH ({@code ./vent test} installs Debian's package).
 */
public final class RedisServer implements AutoCloseable {

  private static RedisServer shared;

  private final Process process;
  private final int port;

  private RedisServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The JVM-wide instance, started on the first call. */
  public static synchronized RedisServer shared() {
    if (shared == null) {
      shared = start();
      RedisServer s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::close, "redis-test-stop"));
    }
    return shared;
  }

  /**
   * A new server of its own where the only user is {@code username} with {@code password} and
   * {@code aclRules} (Redis ACL syntax, e.g. {@code ~* &* +@all}); the {@code default} user sits
   * behind a random password, as the launcher configures it, so a client without these credentials
   * cannot run any command. Close it when done (the JVM's exit does too).
   *
   * @param username e.g. {@code vent}; letters, digits, {@code _-}
   * @param password without white space
   * @param aclRules space-separated ACL rules
   * @throws IllegalStateException if the server does not listen within 10 s
   */
  public static RedisServer withAclUser(String username, String password, String aclRules) {
    if (!username.matches("[A-Za-z0-9_-]+") || password.isEmpty() || password.matches(".*\\s.*")) {
      throw new IllegalArgumentException(
          "test user: letters, digits, _- ; password: no white space");
    }
    // One config line per --user: redis-server joins the words after an option into its line.
    List<String> args = new ArrayList<>(List.of("--user", username, "on", ">" + password));
    args.addAll(List.of(aclRules.strip().split("\\s+")));
    // Not "off": Redis 7.0 replays the AOF as the default user and would refuse its MULTI/EXEC
    // blocks.
    args.addAll(
        List.of("--user", "default", "on", ">" + java.util.UUID.randomUUID(), "~*", "&*", "+@all"));
    RedisServer server = start(args);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "redis-acl-test-stop"));
    return server;
  }

  /**
   * @return {@code redis://127.0.0.1:<port>}, for RedisSettings.address
   */
  public String address() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  private static RedisServer start() {
    return start(List.of());
  }

  /**
   * A new server of its own with extra {@code redis-server} options (e.g. {@code --replicaof host
   * port}); close it when done.
   */
  public static RedisServer start(List<String> extraArgs) {
    return start(freePort(), extraArgs);
  }

  /** As {@link #start(List)}, on {@code port}. */
  public static RedisServer start(int port, List<String> extraArgs) {
    String binary = System.getenv().getOrDefault("VENT_REDIS_SERVER", "redis-server");
    try {
      Path dir = Files.createTempDirectory("vent-redis-test");
      List<String> command =
          new ArrayList<>(
              List.of(
                  binary,
                  "--port",
                  String.valueOf(port),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--dir",
                  dir.toString(),
                  "--daemonize",
                  "no"));
      command.addAll(extraArgs);
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.log").toFile())
              .start();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new IllegalStateException("redis-server exited, see " + dir.resolve("redis.log"));
        }
        try (Socket s = new Socket("127.0.0.1", port)) {
          return new RedisServer(p, port);
        } catch (IOException notYet) {
          TimeUnit.MILLISECONDS.sleep(50);
        }
      }
      p.destroyForcibly();
      throw new IllegalStateException("redis-server did not listen on " + port + " within 10 s");
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start " + binary + " (install the redis-server package)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the server (the shared one is stopped at JVM exit). Idempotent. */
  @Override
  public void close() {
    TestProcesses.stop(process, Duration.ofSeconds(5));
  }

  /** A port that was free a moment ago on 127.0.0.1. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
