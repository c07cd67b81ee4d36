package vent.bench.vents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import joptsimple.OptionException;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import org.redisson.Redisson;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * Fan-out latency of vents: an author posts a public vent through vent-web ({@code POST
 * /api/v1/vents}); from the moment its 201 arrives, the home timelines of all the author's
 * followers are polled in Redis (one pipelined {@code ZSCORE} per follower not yet reached, every 2
 * ms) until every one holds the vent. That time, in ms, is one sample; the vents of one author are
 * posted one after another, each once the previous one has reached everyone.
 *
 * <p>Options: {@code --http} vent-web's base URL [http://127.0.0.1:8080]; {@code --redis} the
 * single Redis server [redis://127.0.0.1:6379], read without credentials as the bench stack runs;
 * {@code --author ID:TOKEN} repeatable; {@code --vents} per author [30]; {@code --timeout-ms} per
 * vent [30000]; {@code --out} a JSON file of the figures. A vent that does not reach every follower
 * within the timeout is counted in {@code incomplete}; the exit code is then 1.
 *
 * <p>Output, one JSON object per author: {@code {authorId, followers, vents, incomplete, p50Ms,
 * p99Ms, maxMs, samplesMs}}; p99 of a few tens of samples is close to the maximum, so both are
 * given.
 */
public final class FanOutLatency {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long POLL_MS = 2;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final RedissonClient redis;

  private FanOutLatency(String base, RedissonClient redis) {
    this.base = base;
    this.redis = redis;
  }

  /**
   * Runs as described in the class comment.
   *
   * @param args the options of the class comment
   */
  public static void main(String[] args) throws Exception {
    OptionParser parser = new OptionParser();
    OptionSpec<String> httpOpt =
        parser.accepts("http").withRequiredArg().defaultsTo("http://127.0.0.1:8080");
    OptionSpec<String> redisOpt =
        parser.accepts("redis").withRequiredArg().defaultsTo("redis://127.0.0.1:6379");
    OptionSpec<String> authorOpt = parser.accepts("author").withRequiredArg().required();
    OptionSpec<Integer> ventsOpt =
        parser.accepts("vents").withRequiredArg().ofType(Integer.class).defaultsTo(30);
    OptionSpec<Integer> timeoutOpt =
        parser.accepts("timeout-ms").withRequiredArg().ofType(Integer.class).defaultsTo(30_000);
    OptionSpec<String> outOpt = parser.accepts("out").withRequiredArg();
    OptionSet options;
    try {
      options = parser.parse(args);
    } catch (OptionException e) {
      System.err.println("fan-out latency: " + e.getMessage());
      System.exit(2);
      return;
    }
    Config config = new Config();
    config.useSingleServer().setAddress(options.valueOf(redisOpt));
    RedissonClient redis = Redisson.create(config);
    int incomplete = 0;
    List<ObjectNode> results = new ArrayList<>();
    try {
      FanOutLatency bench = new FanOutLatency(options.valueOf(httpOpt), redis);
      for (String author : options.valuesOf(authorOpt)) {
        int colon = author.indexOf(':');
        ObjectNode result =
            bench.measure(
                author.substring(0, colon),
                author.substring(colon + 1),
                options.valueOf(ventsOpt),
                options.valueOf(timeoutOpt));
        System.out.println("fan-out latency: " + result);
        incomplete += result.get("incomplete").asInt();
        results.add(result);
      }
    } finally {
      redis.shutdown();
    }
    if (options.has(outOpt)) {
      Files.writeString(Path.of(options.valueOf(outOpt)), JSON.writeValueAsString(results));
    }
    System.exit(incomplete == 0 ? 0 : 1);
  }

  private ObjectNode measure(String authorId, String token, int vents, int timeoutMs)
      throws IOException, InterruptedException {
    List<String> followers =
        new ArrayList<>(
            redis
                .<String>getScoredSortedSet(
                    "vent:relation:{" + authorId + "}:followers", StringCodec.INSTANCE)
                .readAll());
    List<Long> samples = new ArrayList<>();
    int incomplete = 0;
    for (int i = 0; i < vents; i++) {
      String ventId = post(token, "fan-out sample " + i);
      long start = System.nanoTime();
      List<String> waiting = followers;
      long deadline = start + Duration.ofMillis(timeoutMs).toNanos();
      while (!waiting.isEmpty() && System.nanoTime() < deadline) {
        waiting = notYetIn(waiting, ventId);
        if (!waiting.isEmpty()) {
          Thread.sleep(POLL_MS);
        }
      }
      if (waiting.isEmpty()) {
        samples.add((System.nanoTime() - start) / 1_000_000);
      } else {
        incomplete++;
      }
    }
    List<Long> sorted = samples.stream().sorted().toList();
    ObjectNode out = JSON.createObjectNode();
    out.put("authorId", authorId);
    out.put("followers", followers.size());
    out.put("vents", vents);
    out.put("incomplete", incomplete);
    out.put("p50Ms", percentile(sorted, 50));
    out.put("p99Ms", percentile(sorted, 99));
    out.put("maxMs", sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
    sorted.forEach(out.putArray("samplesMs")::add);
    return out;
  }

  /** The followers among {@code users} whose home timeline does not hold {@code ventId} yet. */
  private List<String> notYetIn(Collection<String> users, String ventId) {
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    List<RFuture<Double>> scores = new ArrayList<>(users.size());
    for (String user : users) {
      scores.add(
          batch
              .<String>getScoredSortedSet("vent:timeline:{" + user + "}:home", StringCodec.INSTANCE)
              .getScoreAsync(ventId));
    }
    batch.execute();
    List<String> waiting = new ArrayList<>();
    int i = 0;
    for (String user : users) {
      if (scores.get(i++).toCompletableFuture().join() == null) {
        waiting.add(user);
      }
    }
    return waiting;
  }

  /** Posts a public vent; returns its id once the 201 has arrived. */
  private String post(String token, String text) throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("text", text).put("audience", "public");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/vents"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT, "POST /vents answered %d: %s", response.statusCode(), response.body()));
    }
    JsonNode vent = JSON.readTree(response.body());
    return vent.get("id").asText();
  }

  /** Nearest-rank percentile of sorted samples; -1 when there are none. */
  static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
