package vent.web.cli;

import dev.vent.relation.v1.BatchFollowResponse;
import dev.vent.relation.v1.Edge;
import dev.vent.user.v1.EnsureUsersResponse;
import dev.vent.user.v1.EnsuredUser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;
import vent.web.rpc.RelationClient;
import vent.web.rpc.Rpc;
import vent.web.rpc.UserClient;

/**
 * Loads a SNAP edge list through the providers, in two passes over the file:
 *
 * <ol>
 *   <li>collect the distinct nodes and get-or-create user {@code u<node>} for each, in EnsureUsers
 *       batches of {@code userBatch};
 *   <li>stream the edges in BatchFollow batches of {@code edgeBatch}, {@code inFlight} batches at a
 *       time.
 * </ol>
 *
 * <p>Both RPCs are idempotent, so a second run creates nothing and an interrupted run is resumed by
 * running it again.
 */
public final class GraphImport {

  private static final Logger LOG = LoggerFactory.getLogger(GraphImport.class);

  /** How long the first call waits for Dubbo to discover a provider, milliseconds. */
  private static final long DISCOVERY_WAIT_MS = 20_000;

  private final UserClient users;
  private final RelationClient relations;
  private final int userBatch;
  private final int edgeBatch;
  private final int inFlight;
  private final boolean progress;

  /**
   * What an import did.
   *
   * @param usersCreated users that did not exist before
   * @param followsWritten follow edges that did not exist before
   * @param edgesRead edge lines read from the file
   * @param seconds wall-clock duration
   */
  public record Summary(long usersCreated, long followsWritten, long edgesRead, double seconds) {

    /** Edges processed per second. */
    public long rate() {
      return seconds <= 0 ? edgesRead : Math.round(edgesRead / seconds);
    }

    /**
     * The summary line, e.g. {@code import done: users created=7115 follows written=103689 edges
     * read=103689 seconds=4.21 rate=24630 follows/s}.
     */
    public String line() {
      return String.format(
          Locale.ROOT,
          "import done: users created=%d follows written=%d edges read=%d seconds=%.2f rate=%d follows/s",
          usersCreated,
          followsWritten,
          edgesRead,
          seconds,
          rate());
    }
  }

  /**
   * @param userBatch usernames per EnsureUsers call (the provider accepts up to 1000)
   * @param edgeBatch edges per BatchFollow call (the provider accepts up to 10000)
   * @param inFlight BatchFollow calls running at once
   * @param progress draw progress bars on stderr
   */
  public GraphImport(
      UserClient users,
      RelationClient relations,
      int userBatch,
      int edgeBatch,
      int inFlight,
      boolean progress) {
    this.users = users;
    this.relations = relations;
    this.userBatch = userBatch;
    this.edgeBatch = edgeBatch;
    this.inFlight = inFlight;
    this.progress = progress;
  }

  /**
   * @throws EdgeListParser.MalformedLineException on the first malformed line (before any RPC)
   * @throws VentException when a provider refuses a batch or cannot be reached
   */
  public Summary run(Path file) throws IOException {
    long t0 = System.nanoTime();
    Set<String> nodes = new LinkedHashSet<>();
    long edges;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      edges =
          EdgeListParser.parse(
              in,
              edge -> {
                nodes.add(edge.from());
                nodes.add(edge.to());
              });
    }
    LOG.info("event=import_scanned file={} nodes={} edges={}", file, nodes.size(), edges);

    Map<String, String> idOfNode = new HashMap<>(nodes.size() * 2);
    long usersCreated = ensureUsers(new ArrayList<>(nodes), idOfNode);
    long followsWritten = follow(file, edges, idOfNode);

    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Summary(usersCreated, followsWritten, edges, seconds);
  }

  private long ensureUsers(List<String> nodes, Map<String, String> idOfNode) {
    long created = 0;
    try (ProgressBar bar = bar("users", nodes.size())) {
      for (int from = 0; from < nodes.size(); from += userBatch) {
        List<String> usernames =
            nodes.subList(from, Math.min(nodes.size(), from + userBatch)).stream()
                .map(EdgeListParser::username)
                .toList();
        EnsureUsersResponse response =
            from == 0 ? awaitDiscovery(() -> users.ensure(usernames)) : users.ensure(usernames);
        for (EnsuredUser user : response.getUsersList()) {
          idOfNode.put(user.getUsername().substring(1), user.getId());
        }
        created += response.getCreated();
        bar.stepBy(usernames.size());
      }
    }
    for (String node : nodes) {
      if (!idOfNode.containsKey(node)) {
        throw new IllegalStateException(
            "the user service returned no id for " + EdgeListParser.username(node));
      }
    }
    return created;
  }

  private long follow(Path file, long edges, Map<String, String> idOfNode) throws IOException {
    long[] written = {0};
    Deque<CompletableFuture<BatchFollowResponse>> running = new ArrayDeque<>();
    List<Edge> batch = new ArrayList<>(edgeBatch);
    try (ProgressBar bar = bar("follows", edges);
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      boolean[] first = {true};
      EdgeListParser.parse(
          in,
          edge -> {
            batch.add(
                Edge.newBuilder()
                    .setFollowerId(idOfNode.get(edge.from()))
                    .setFolloweeId(idOfNode.get(edge.to()))
                    .build());
            if (batch.size() == edgeBatch) {
              send(running, List.copyOf(batch), first, written, bar);
              batch.clear();
            }
          });
      if (!batch.isEmpty()) {
        send(running, List.copyOf(batch), first, written, bar);
      }
      while (!running.isEmpty()) {
        written[0] += Rpc.await(running.removeFirst()).getCreated();
      }
      bar.stepTo(edges);
    }
    return written[0];
  }

  private void send(
      Deque<CompletableFuture<BatchFollowResponse>> running,
      List<Edge> edges,
      boolean[] first,
      long[] written,
      ProgressBar bar) {
    if (first[0]) {
      first[0] = false;
      BatchFollowResponse response =
          awaitDiscovery(() -> Rpc.await(relations.batchFollowAsync(edges)));
      written[0] += response.getCreated();
      bar.stepBy(edges.size());
      return;
    }
    while (running.size() >= inFlight) {
      written[0] += Rpc.await(running.removeFirst()).getCreated();
    }
    running.addLast(
        relations
            .batchFollowAsync(edges)
            .whenComplete(
                (r, e) -> {
                  if (e == null) {
                    bar.stepBy(edges.size());
                  }
                }));
  }

  /**
   * Runs the first call of a service, retrying while Dubbo has not yet found any provider of it
   * (just after start-up); such a call reached no provider, so repeating it is safe.
   */
  private static <T> T awaitDiscovery(Supplier<T> call) {
    long deadline = System.nanoTime() + DISCOVERY_WAIT_MS * 1_000_000;
    while (true) {
      try {
        return call.get();
      } catch (VentException e) {
        boolean noProvider =
            e.kind() == ErrorKind.UNAVAILABLE && "no provider reachable".equals(e.detail());
        if (!noProvider || System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private ProgressBar bar(String task, long max) {
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(max)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(500)
            .showSpeed();
    if (progress) {
      builder.setConsumer(new ConsoleProgressBarConsumer(System.err));
    } else {
      builder.setConsumer(new me.tongfei.progressbar.DelegatingProgressBarConsumer(line -> {}));
    }
    return builder.build();
  }
}
