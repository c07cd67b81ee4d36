package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * vent-web behind a real reverse proxy: nginx (from Debian; {@code ./vent test} installs it),
 * started here on loopback with a configuration written here, appending the connection's address to
 * {@code X-Forwarded-For} as such proxies do. The shared stack trusts 127.0.0.1/32, the address
 * nginx connects from. Clients connect to nginx from loopback addresses of their own.
 *
 * <p>The client address vent-web sees is observed through the auth provider's login throttle, which
 * counts failed logins per client address: after 3 failures from one address, any further login
 * from it needs a captcha.
 */
@SharedStack
class ForwardedForIT {

  private static Stack stack;
  private static Process nginx;
  private static Path dir;
  private static int proxyPort;
  private static Thread stopOnExit;

  @BeforeAll
  static void startNginx(Stack shared) throws Exception {
    stack = shared;
    String binary = nginxBinary();
    dir = stack.home().resolve("vent-web/target/forwarded-for-nginx");
    Files.createDirectories(dir.resolve("logs"));
    proxyPort = freePort();
    int upstream = java.net.URI.create(stack.api()).getPort();
    Files.writeString(
        dir.resolve("nginx.conf"),
        """
        daemon off;
        master_process on;
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/logs/error.log warn;
        events { worker_connections 64; }
        http {
          access_log %1$s/logs/access.log;
          client_body_temp_path %1$s/client_body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          server {
            listen 127.0.0.1:%2$d;
            location / {
              proxy_pass http://127.0.0.1:%3$d;
              proxy_set_header Host $host;
              proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            }
          }
        }
        """
            .formatted(dir, proxyPort, upstream));
    nginx =
        new ProcessBuilder(
                binary,
                "-p",
                dir.toString(),
                "-c",
                dir.resolve("nginx.conf").toString(),
                "-e",
                dir.resolve("logs/error.log").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("logs/stdout.log").toFile())
            .start();
    stopOnExit = new Thread(ForwardedForIT::stopNginx, "nginx-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!listening(proxyPort)) {
      if (!nginx.isAlive() || System.nanoTime() > deadline) {
        stopNginx();
        throw new IllegalStateException(
            "nginx did not start; " + Files.readString(dir.resolve("logs/error.log")));
      }
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void stop() {
    stopNginx();
    if (stopOnExit != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException jvmExiting) {
        // The hook is running or has run.
      }
    }
  }

  private static synchronized void stopNginx() {
    if (nginx != null && nginx.isAlive()) {
      nginx.destroy(); // SIGTERM: nginx's fast shutdown, workers included
      try {
        if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
          nginx.descendants().forEach(ProcessHandle::destroyForcibly);
          nginx.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private String viaProxy(String path) {
    return "http://127.0.0.1:" + proxyPort + java.net.URI.create(stack.api()).getPath() + path;
  }

  private BoundHttp.Answer failedLogin(
      BoundHttp client, String username, String forgedForwardedFor) {
    Map<String, String> headers =
        forgedForwardedFor == null ? Map.of() : Map.of("X-Forwarded-For", forgedForwardedFor);
    return client.send(
        "POST",
        viaProxy("/sessions"),
        Rest.obj("username", username, "password", "wrong password").toString(),
        headers);
  }

  @Test
  void aForgedForwardedForThroughTheProxyChangesNothing() {
    String tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    try (BoundHttp attacker = new BoundHttp("127.0.0.7", 2);
        BoundHttp bystander = new BoundHttp("127.0.0.8", 2)) {
      // Three failures from 127.0.0.7, each claiming another address and using another username,
      // so only a per-address count can add them up.
      List<String> forged = List.of("198.51.100.1", "203.0.113.2, 198.51.100.3", "unknown");
      for (int i = 0; i < forged.size(); i++) {
        BoundHttp.Answer answer = failedLogin(attacker, "ff_" + tag + "_" + i, forged.get(i));
        assertThat(answer.status()).as("failure %d: %s", i, answer.body()).isEqualTo(401);
        assertThat(answer.json().get("code").asText()).isEqualTo("INVALID_CREDENTIALS");
      }
      BoundHttp.Answer fourth =
          failedLogin(attacker, "ff_" + tag + "_3", "192.0.2." + (1 + tag.length()));
      assertThat(fourth.status())
          .as("4th attempt from 127.0.0.7 under yet another claimed address: %s", fourth.body())
          .isEqualTo(400);
      assertThat(fourth.json().get("code").asText()).isEqualTo("CAPTCHA_REQUIRED");

      // Positive control: another real address behind the same proxy is not affected, even when it
      // claims the attacker's address.
      BoundHttp.Answer other = failedLogin(bystander, "ff_" + tag + "_b", "127.0.0.7");
      assertThat(other.status()).as(other.body()).isEqualTo(401);
      assertThat(other.json().get("code").asText()).isEqualTo("INVALID_CREDENTIALS");
    }
  }

  @Test
  void aClientConnectingDirectlyFromAnUntrustedAddressIsItself() {
    String tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    try (BoundHttp direct = new BoundHttp("127.0.0.9", 2)) {
      for (int i = 0; i < 3; i++) {
        BoundHttp.Answer answer =
            direct.send(
                "POST",
                stack.api() + "/sessions",
                Rest.obj("username", "fd_" + tag + "_" + i, "password", "wrong password")
                    .toString(),
                Map.of("X-Forwarded-For", "198.51.100." + (10 + i)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
      }
      BoundHttp.Answer fourth =
          direct.send(
              "POST",
              stack.api() + "/sessions",
              Rest.obj("username", "fd_" + tag + "_3", "password", "wrong password").toString(),
              Map.of("X-Forwarded-For", "198.51.100.20"));
      assertThat(fourth.json().get("code").asText())
          .as("127.0.0.9 is not a trusted proxy: its header is ignored")
          .isEqualTo("CAPTCHA_REQUIRED");
    }
  }

  private static String nginxBinary() {
    String configured = System.getenv("VENT_NGINX_BIN");
    for (String candidate :
        configured != null ? List.of(configured) : List.of("/usr/sbin/nginx", "/usr/bin/nginx")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "nginx not found (./vent test installs the Debian package nginx-light; "
            + "or set VENT_NGINX_BIN)");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
