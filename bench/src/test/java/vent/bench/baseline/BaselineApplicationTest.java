package vent.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import vent.common.config.RedisSettings;
import vent.common.events.EventStreams;
import vent.common.events.Outbox;
import vent.common.redis.LuaScripts;
import vent.common.redis.RedissonFactory;

/**
 * The baseline over real HTTP against a real {@code redis-server} (on a free loopback port, no
 * persistence) seeded as the user and relation providers store their data, with bench/baseline.yml
 * on random ports.
 */
class BaselineApplicationTest {

  /** The user provider's profile script (with its event), as that provider runs it. */
  private static final String CREATE_USER =
      LuaScripts.load("events/publish.lua", "user/profile_create.lua");

  private static final long T = 1_700_000_000_000L;

  private static Process redis;
  private static Path redisDir;
  private static DropwizardTestSupport<BaselineConfiguration> app;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void start() throws Exception {
    int port = freePort();
    redis = startRedis(port);
    seed("redis://127.0.0.1:" + port);
    app =
        new DropwizardTestSupport<>(
            BaselineApplication.class,
            moduleDir().resolve("baseline.yml").toString(),
            ConfigOverride.randomPorts(),
            ConfigOverride.config("redis.addresses", "redis://127.0.0.1:" + port));
    app.before();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (app != null) {
        app.after();
      }
    } finally {
      stopRedis();
    }
  }

  @Test
  void profileWithCounts() throws Exception {
    HttpResponse<String> response = get("/users/1");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.body())
        .isEqualTo(
            "{\"id\":\"1\",\"username\":\"alice\",\"displayName\":\"Alice\","
                + "\"bio\":\"hello\",\"createdAt\":\"2023-11-14T22:13:20.001Z\",\"followersCount\":2,\"followingCount\":1}");
  }

  @Test
  void followersNewestFirstWithoutNextPage() throws Exception {
    HttpResponse<String> response = get("/users/1/followers?limit=20");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"items\":["
                + "{\"id\":\"3\",\"username\":\"carol\",\"displayName\":\"Carol\",\"bio\":\"\",\"createdAt\":\"2023-11-14T22:13:20.003Z\"},"
                + "{\"id\":\"2\",\"username\":\"bob\",\"displayName\":\"Bob\",\"bio\":\"\",\"createdAt\":\"2023-11-14T22:13:20.002Z\"}"
                + "],\"nextCursor\":null}");
  }

  @Test
  void followersPagedWithTheRelationProvidersCursor() throws Exception {
    HttpResponse<String> first = get("/users/1/followers?limit=1");
    // base64url("<carol's follow time>:3"), as the relation provider would encode it.
    String cursor = new FollowCursor(T + 1000, "3").encode();

    assertThat(first.body())
        .startsWith("{\"items\":[{\"id\":\"3\",")
        .endsWith("}],\"nextCursor\":\"" + cursor + "\"}");
    assertThat(get("/users/1/followers?limit=1&cursor=" + cursor).body())
        .startsWith("{\"items\":[{\"id\":\"2\",")
        .endsWith("}],\"nextCursor\":null}");
  }

  @Test
  void unknownUserIsProblem404OnBothRoutes() throws Exception {
    for (String path :
        List.of("/users/99", "/users/99/followers", "/users/99/followers?cursor=bad")) {
      HttpResponse<String> response = get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type"))
          .as(path)
          .contains("application/problem+json");
      assertThat(response.body())
          .as(path)
          .contains("\"code\":\"USER_NOT_FOUND\"", "\"detail\":\"no user with id 99\"");
    }
  }

  @Test
  void malformedParametersAreProblem400WithVentWebsCodes() throws Exception {
    assertThat(get("/users/abc").body()).contains("\"status\":400", "\"code\":\"INVALID_USER_ID\"");
    assertThat(get("/users/1/followers?limit=0").body())
        .contains("\"status\":400", "\"code\":\"INVALID_LIMIT\"");
    assertThat(get("/users/1/followers?cursor=bad").body())
        .contains("\"status\":400", "\"code\":\"INVALID_CURSOR\"");
  }

  private static HttpResponse<String> get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.getLocalPort() + "/api/v1" + path))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Users 1 alice, 2 bob, 3 carol created by the user provider's script; bob then carol follow
   * alice and alice follows bob, each by the relation provider's own follow.lua.
   */
  private static void seed(String address) throws Exception {
    RedisSettings settings = RedisSettings.single(address);
    settings.connectionPoolSize = 1;
    RedissonClient client = RedissonFactory.create(settings);
    try {
      RScript script = client.getScript(StringCodec.INSTANCE);
      String[][] users = {{"alice", "Alice", "hello"}, {"bob", "Bob", ""}, {"carol", "Carol", ""}};
      for (int i = 0; i < users.length; i++) {
        String id = Integer.toString(i + 1);
        script.eval(
            Mode.READ_WRITE,
            CREATE_USER,
            ReturnType.LONG,
            List.of(RedisKeys.profile(id), Outbox.key("user", id)),
            id,
            users[i][0],
            users[i][1],
            users[i][2],
            Long.toString(T + 1 + i),
            EventStreams.shardFor(EventStreams.USER, id, 1));
      }
      // The follower's side as Follow writes it, then the followee's side as the hand-off
      // consumer applies it from the Followed event.
      String follow =
          LuaScripts.load("events/publish.lua", "relation/version.lua", "relation/follow.lua");
      String applyFollowee = LuaScripts.load("relation/apply_followee.lua");
      String[][] edges = {{"2", "1"}, {"3", "1"}, {"1", "2"}};
      for (int i = 0; i < edges.length; i++) {
        String follower = edges[i][0];
        String followee = edges[i][1];
        long at = T + 1000L * i;
        script.eval(
            Mode.READ_WRITE,
            follow,
            ReturnType.LONG,
            List.of(
                RedisKeys.following(follower),
                "vent:relation:{" + follower + "}:deleted",
                "vent:relation:{" + follower + "}:clock",
                Outbox.key("relation", follower),
                "vent:relation:{" + follower + "}:blocking",
                "vent:relation:{" + follower + "}:blocked-by"),
            followee,
            follower,
            Long.toString(at),
            EventStreams.shardFor(EventStreams.RELATION, follower, 1));
        script.eval(
            Mode.READ_WRITE,
            applyFollowee,
            ReturnType.LONG,
            List.of(
                RedisKeys.followers(followee),
                "vent:relation:{" + followee + "}:unfollowed",
                "vent:relation:{" + followee + "}:deleted",
                "vent:notification:{" + followee + "}:inbox",
                "vent:relation:{" + followee + "}:blocking"),
            "follow",
            follower,
            Long.toString(at),
            "100",
            "0");
      }
    } finally {
      client.shutdown();
    }
  }

  /** The bench module's directory: Surefire's basedir, else the working directory. */
  private static Path moduleDir() {
    return Path.of(System.getProperty("basedir", "."));
  }

  private static Process startRedis(int port) throws Exception {
    String binary = findRedisServer();
    redisDir = Files.createTempDirectory("vent-bench-redis");
    Process process;
    try {
      process =
          new ProcessBuilder(
                  binary,
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--dir",
                  redisDir.toString(),
                  "--daemonize",
                  "no")
              .redirectErrorStream(true)
              .redirectOutput(redisDir.resolve("redis.log").toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run "
              + binary
              + " (install redis-server; Debian: apt-get install "
              + "redis-server): "
              + e.getMessage(),
          e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "redis-server exited at start; see " + redisDir.resolve("redis.log"));
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return process;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "redis-server did not listen on 127.0.0.1:" + port + " within 5 s");
  }

  /**
   * $VENT_REDIS_SERVER, else redis-server on the PATH; a missing binary fails the test, never skips
   * it.
   */
  private static String findRedisServer() {
    String explicit = System.getenv("VENT_REDIS_SERVER");
    if (explicit != null && !explicit.isEmpty()) {
      return explicit;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException(
        "redis-server is not on the PATH (nor set in VENT_REDIS_SERVER): "
            + "install it (Debian: apt-get install redis-server) to run this test");
  }

  private static void stopRedis() throws Exception {
    if (redis == null) {
      return;
    }
    // By PID, so only the server this test started is stopped.
    ProcessHandle handle = ProcessHandle.of(redis.pid()).orElse(null);
    if (handle != null) {
      handle.destroy();
      if (!redis.waitFor(5, TimeUnit.SECONDS)) {
        handle.destroyForcibly();
        redis.waitFor(5, TimeUnit.SECONDS);
      }
    }
    redis = null;
    try (var files = Files.walk(redisDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
