package vent.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vent.events.v1.Event;
import dev.vent.events.v1.Followed;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RStream;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;
import vent.common.testing.RedisExtension;
import vent.common.testing.RedisTestSupport;

/**
 * Consumer groups against a real redis-server: a consumer killed with SIGKILL while holding pending
 * entries, redeliveries, poison entries and the dead-letter stream.
 */
class StreamConsumerIT {

  @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

  private static final String STREAM = EventStreams.shard("vent:events:test", 0);
  private static final String GROUP = "testers";

  private final List<StreamConsumer> consumers = new ArrayList<>();
  private Process doomed;

  @AfterEach
  void stop() {
    consumers.forEach(StreamConsumer::close);
    if (doomed != null) {
      doomed.destroyForcibly();
    }
  }

  @Test
  void entriesPendingWithAKilledConsumerAreFinishedByAnotherAndNoneIsLost() throws Exception {
    List<String> before = publish(0, 200);
    doomed =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HoldingConsumerMain.class.getName(),
                RedisTestSupport.deployment(),
                STREAM,
                GROUP,
                "doomed")
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(doomed.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.equals("ready")) {
      // start-up log lines
    }
    eventually(
        Duration.ofSeconds(20),
        () ->
            assertThat(stream().getPendingInfo(GROUP).getConsumerNames())
                .containsEntry("doomed", 200L));

    doomed.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no chance to clean up
    List<String> after = publish(200, 100);

    Map<String, Integer> handled = new ConcurrentHashMap<>();
    consumers.add(
        StreamConsumer.start(
            REDIS.client(),
            STREAM,
            settings("survivor").withClaimIdle(Duration.ofSeconds(1)),
            event -> handled.merge(event.id(), 1, Integer::sum)));

    eventually(Duration.ofSeconds(30), () -> assertThat(handled).hasSize(300));
    assertThat(handled.keySet()).containsAll(before).containsAll(after);
    eventually(
        Duration.ofSeconds(5),
        () -> assertThat(stream().getPendingInfo(GROUP).getTotal()).isZero());
  }

  @Test
  void redeliveryAfterAFailureIsHarmlessForAnIdempotentHandler() throws Exception {
    List<String> ids = publish(0, 100);
    Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    Set<String> completed = ConcurrentHashMap.newKeySet();
    AtomicInteger deliveries = new AtomicInteger();
    // The effect (a set member) is applied, then every third event "crashes" before its ack. A
    // failed batch is retried one event at a time, so events before the crash in the same batch
    // are applied twice too: the projection must not care.
    EventHandler handler =
        event -> {
          deliveries.incrementAndGet();
          REDIS
              .client()
              .getSet("projection", StringCodec.INSTANCE)
              .add(event.event().getFollowed().getFollowerId());
          if (Integer.parseInt(event.event().getFollowed().getFollowerId()) % 3 == 0
              && failedOnce.add(event.id())) {
            throw new IllegalStateException("crash after the effect");
          }
          completed.add(event.id());
        };
    consumers.add(
        StreamConsumer.start(
            REDIS.client(), STREAM, settings("a").withClaimIdle(Duration.ofSeconds(1)), handler));
    consumers.add(
        StreamConsumer.start(
            REDIS.client(), STREAM, settings("b").withClaimIdle(Duration.ofSeconds(1)), handler));

    // Every crashed event must have been redelivered and completed, and nothing is pending.
    eventually(
        Duration.ofSeconds(20),
        () -> {
          assertThat(failedOnce).hasSize(34);
          assertThat(completed).containsExactlyInAnyOrderElementsOf(ids);
          assertThat(stream().getPendingInfo(GROUP).getTotal()).isZero();
        });
    assertThat(REDIS.client().getSet("projection", StringCodec.INSTANCE).size())
        .isEqualTo(ids.size());
    assertThat(deliveries.get())
        .as("each crashed event delivered again")
        .isGreaterThanOrEqualTo(100 + 34);
    System.out.printf(
        "StreamConsumerIT: 100 events, 34 crashes after the effect, %d deliveries%n",
        deliveries.get());
    assertThat(REDIS.client().getStream(EventStreams.deadLetter(STREAM)).isExists()).isFalse();
  }

  @Test
  void poisonEntriesMoveToTheDeadLetterStreamAfterMaxDeliveries() throws Exception {
    List<String> good = publish(0, 10);
    StreamMessageId garbage =
        stream()
            .add(
                StreamAddArgs.entries(
                    EventStreams.TYPE_FIELD, "Followed", EventStreams.EVENT_FIELD, "{not json"));
    String poison = publish(666, 1).get(0);
    Set<String> handled = ConcurrentHashMap.newKeySet();
    consumers.add(
        StreamConsumer.start(
            REDIS.client(),
            STREAM,
            settings("a").withClaimIdle(Duration.ofMillis(200)).withMaxDeliveries(3),
            event -> {
              if (event.id().equals(poison)) {
                throw new IllegalArgumentException("cannot handle this one");
              }
              handled.add(event.id());
            }));

    RStream<String, String> dead =
        REDIS.client().getStream(EventStreams.deadLetter(STREAM), StringCodec.INSTANCE);
    eventually(Duration.ofSeconds(20), () -> assertThat(dead.size()).isEqualTo(2));
    assertThat(handled).containsExactlyInAnyOrderElementsOf(good);
    Map<String, Map<String, String>> byId = new java.util.HashMap<>();
    dead.range(StreamMessageId.MIN, StreamMessageId.MAX)
        .values()
        .forEach(f -> byId.put(f.get("id"), f));
    assertThat(byId.get(garbage.toString()))
        .containsEntry("deliveries", "1")
        .containsEntry("group", GROUP)
        .containsEntry("stream", STREAM)
        .containsEntry(EventStreams.EVENT_FIELD, "{not json");
    assertThat(byId.get(garbage.toString()).get("error")).startsWith("undecodable");
    assertThat(byId.get(poison))
        .containsEntry("deliveries", "3")
        .containsEntry(EventStreams.TYPE_FIELD, "Followed");
    eventually(
        Duration.ofSeconds(5),
        () -> assertThat(stream().getPendingInfo(GROUP).getTotal()).isZero());
  }

  @Test
  void aNewGroupStartsAtTheBeginningOfTheStreamAndSurvivesItsDeletion() throws Exception {
    List<String> early = publish(0, 5);
    Set<String> handled = ConcurrentHashMap.newKeySet();
    consumers.add(
        StreamConsumer.start(
            REDIS.client(), STREAM, settings("a"), event -> handled.add(event.id())));
    eventually(Duration.ofSeconds(10), () -> assertThat(handled).containsAll(early));

    stream().removeGroup(GROUP); // as if Redis lost it
    List<String> later = publish(5, 5);
    eventually(Duration.ofSeconds(10), () -> assertThat(handled).containsAll(later));
  }

  /**
   * Retries {@code check} every 100 ms until it passes or {@code timeout} ends (then its last
   * failure). Redis errors count as "not yet": XPENDING answers NOGROUP until a consumer has
   * created its group.
   */
  private static void eventually(Duration timeout, Runnable check) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError | RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      Thread.sleep(100);
    }
  }

  private static ConsumerSettings settings(String consumer) {
    return new ConsumerSettings(
        GROUP, consumer, 50, Duration.ofMillis(200), Duration.ofSeconds(5), 5);
  }

  private static RStream<String, String> stream() {
    return REDIS.client().getStream(STREAM, StringCodec.INSTANCE);
  }

  /**
   * Appends Followed events with follower ids {@code from..from+count-1}; returns their entry ids.
   */
  private static List<String> publish(int from, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      Event event =
          Event.newBuilder()
              .setFollowed(
                  Followed.newBuilder()
                      .setFollowerId(Integer.toString(i))
                      .setFolloweeId("1")
                      .setFollowedAtMs(i))
              .build();
      ids.add(
          stream()
              .add(
                  StreamAddArgs.entries(
                      EventStreams.TYPE_FIELD,
                      EventJson.typeOf(event),
                      EventStreams.EVENT_FIELD,
                      EventJson.encode(event)))
              .toString());
    }
    return ids;
  }
}
