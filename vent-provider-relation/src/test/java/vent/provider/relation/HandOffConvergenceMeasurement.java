package vent.provider.relation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import vent.common.events.ConsumerSettings;
import vent.common.events.EventStreams;
import vent.common.events.StreamConsumer;
import vent.common.testing.RedisExtension;
import vent.common.testing.RedisTestSupport;
import vent.provider.relation.domain.FollowGraph;
import vent.provider.relation.events.HandOffHandler;
import vent.provider.relation.store.HandOffDriver;
import vent.provider.relation.store.RedisRelationRepository;

/**
 * Measures how fast the followee's side converges under load: {@value #RATE} follows per second for
 * {@value #SECONDS} s through the real write path (script, outbox, relay) with the real consumer
 * group applying the hand-offs (one member per shard, {@link HandOffDriver#SHARDS} shards), timing
 * each follow from its return until the followee's followers list holds the follower. Prints p50 /
 * p99 / max. A measurement, not part of the test run (its name matches none of Surefire's test
 * patterns): {@code mvn -B -o test -pl vent-provider-relation -am
 * -Dtest=HandOffConvergenceMeasurement -Dsurefire.failIfNoSpecifiedTests=false} (add {@code
 * -Dvent.test.redis=cluster} for the cluster).
 */
class HandOffConvergenceMeasurement {

  private static final int RATE = 300;
  private static final int SECONDS = 30;
  private static final int WRITERS = 4;

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private record Pending(String follower, String followee, long returnedNanos) {}

  @Test
  void followersConvergeWithinASecondAtP99() throws Exception {
    RedissonClient redis = REDIS.client();
    RedisRelationRepository repo = HandOffDriver.repository(redis, 1000);
    FollowGraph graph = new FollowGraph(repo, Clock.systemUTC());
    List<StreamConsumer> consumers = new ArrayList<>();
    for (String shard : EventStreams.shards(EventStreams.RELATION, HandOffDriver.SHARDS)) {
      consumers.add(
          StreamConsumer.start(
              redis,
              shard,
              ConsumerSettings.defaults(HandOffHandler.GROUP, "measure-" + shard),
              new HandOffHandler(graph)));
    }
    ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    List<Long> latencies = new ArrayList<>();
    AtomicLong sent = new AtomicLong();
    ScheduledExecutorService writers = Executors.newScheduledThreadPool(WRITERS);
    Random random = new Random(7);
    long periodMicros = 1_000_000L * WRITERS / RATE;
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.scheduleAtFixedRate(
          () -> {
            String follower = Integer.toString(1 + writer + WRITERS * random.nextInt(25_000));
            String followee = Integer.toString(200_000 + random.nextInt(100_000));
            if (graph.follow(follower, followee)) {
              pending.add(new Pending(follower, followee, System.nanoTime()));
              sent.incrementAndGet();
            }
          },
          w * periodMicros / WRITERS,
          periodMicros,
          TimeUnit.MICROSECONDS);
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    while (System.nanoTime() < end || !writers.isTerminated() || !pending.isEmpty()) {
      if (System.nanoTime() >= end) {
        writers.shutdown();
      }
      List<Pending> round = new ArrayList<>();
      for (Pending p; round.size() < 1000 && (p = pending.poll()) != null; ) {
        round.add(p);
      }
      if (round.isEmpty()) {
        Thread.sleep(1);
        continue;
      }
      RBatch batch = redis.createBatch(BatchOptions.defaults());
      List<RFuture<Double>> scores = new ArrayList<>(round.size());
      for (Pending p : round) {
        scores.add(
            batch
                .<String>getScoredSortedSet(
                    "vent:relation:{" + p.followee() + "}:followers", StringCodec.INSTANCE)
                .getScoreAsync(p.follower()));
      }
      batch.execute();
      long now = System.nanoTime();
      for (int i = 0; i < round.size(); i++) {
        if (scores.get(i).toCompletableFuture().join() != null) {
          latencies.add((now - round.get(i).returnedNanos()) / 1000);
        } else {
          pending.add(round.get(i));
        }
      }
    }
    writers.awaitTermination(5, TimeUnit.SECONDS);
    consumers.forEach(StreamConsumer::close);
    latencies.sort(Long::compare);
    int n = latencies.size();
    System.out.printf(
        "event=hand_off_convergence redis=%s follows=%d seconds=%d p50Ms=%.1f p99Ms=%.1f"
            + " maxMs=%.1f%n",
        RedisTestSupport.cluster() ? "cluster" : "single",
        n,
        SECONDS,
        latencies.get(n / 2) / 1000.0,
        latencies.get((int) (n * 0.99)) / 1000.0,
        latencies.get(n - 1) / 1000.0);
    assertThat(n).isEqualTo(sent.get());
    assertThat(latencies.get((int) (n * 0.99))).isLessThan(1_000_000L);
  }
}
