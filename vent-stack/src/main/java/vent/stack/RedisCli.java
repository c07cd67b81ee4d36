package vent.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Redis through Debian's {@code redis-cli}, logged in as the launcher's user; the password goes
 * through {@code REDISCLI_AUTH}, never a command line.
 */
final class RedisCli {

  private final int port;
  private final boolean cluster;
  private final String user;
  private final String password;

  /**
   * @param cluster a Redis Cluster node: redis-cli follows MOVED/ASK redirections ({@code -c}), so
   *     a command or script runs on the node owning its key
   */
  RedisCli(int port, boolean cluster, String user, String password) {
    this.port = port;
    this.cluster = cluster;
    this.user = user;
    this.password = password;
  }

  boolean ping() {
    return "PONG".equals(call("ping").strip());
  }

  /** The reply, or "" when redis-cli failed or got no answer within 5 s (a stopped node). */
  String call(String... args) {
    return call(5, args);
  }

  /** The reply, or "" when redis-cli failed or did not finish within {@code seconds}. */
  String call(int seconds, String... args) {
    List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", "" + port));
    if (cluster) {
      cmd.add("-c");
    }
    if (user != null && !user.isEmpty()) {
      cmd.add("--user");
      cmd.add(user);
    }
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
    pb.environment().remove("REDISCLI_AUTH");
    if (password != null && !password.isEmpty()) {
      pb.environment().put("REDISCLI_AUTH", password);
    }
    try {
      Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      // Read on another thread: a node that accepts the connection but never answers (stopped,
      // partitioned) must not hold the caller.
      CompletableFuture<String> out =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                  return "";
                }
              });
      if (!p.waitFor(seconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return "";
      }
      return out.get(seconds, TimeUnit.SECONDS);
    } catch (IOException | ExecutionException | TimeoutException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
