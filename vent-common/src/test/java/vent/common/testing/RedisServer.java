package vent.common.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process for tests, one per JVM, on a free loopback port, started
 * on first use and stopped when the JVM exits. The binary is {@code $VENT_REDIS_SERVER}, else
 * {@code redis-server} on the PATH ({@code ./vent test} installs Debian's package).
 */
public final class RedisServer {

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
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "redis-test-stop"));
    }
    return shared;
  }

  /** @return {@code redis://127.0.0.1:<port>}, for RedisSettings.address */
  public String address() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  private static RedisServer start() {
    String binary = System.getenv().getOrDefault("VENT_REDIS_SERVER", "redis-server");
    int port = freePort();
    try {
      Path dir = Files.createTempDirectory("vent-redis-test");
      Process p = new ProcessBuilder(List.of(binary,
              "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
              "--dir", dir.toString(), "--daemonize", "no"))
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
      throw new IllegalStateException("cannot start " + binary + " (install the redis-server package)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void stop() {
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
