package vent.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.CommandData;
import org.redisson.client.protocol.RedisCommand;

/** What the hook records for the commands written on a connection (no Redis: an embedded one). */
class RedisMetricsHookTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RedisMetricsHook hook = new RedisMetricsHook(registry);

  @Test
  void aCommandIsTimedByNameAndOutcomeAndNeverByKey() {
    EmbeddedChannel channel = new EmbeddedChannel();
    hook.afterChannelInitialization(channel);
    assertThat(registry.get(RedisMetricsHook.CONNECTIONS).gauge().value()).isEqualTo(1);

    CompletableFuture<Object> get = new CompletableFuture<>();
    channel.writeOutbound(command(get, "GET", "vent:user:secret-key"));
    assertThat(registry.get(RedisMetricsHook.IN_FLIGHT).gauge().value()).isEqualTo(1);
    get.complete("v");
    CompletableFuture<Object> failed = new CompletableFuture<>();
    channel.writeOutbound(command(failed, "EVALSHA", "abc"));
    failed.completeExceptionally(new IllegalStateException("NOSCRIPT"));

    assertThat(
            registry
                .get(RedisMetricsHook.COMMAND)
                .tags("command", "GET", "outcome", "ok")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get(RedisMetricsHook.COMMAND)
                .tags("command", "EVALSHA", "outcome", "error")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(registry.get(RedisMetricsHook.IN_FLIGHT).gauge().value()).isZero();
    assertThat(registry.getMeters())
        .allSatisfy(m -> assertThat(m.getId().toString()).doesNotContain("secret-key"));

    channel.close();
    assertThat(registry.get(RedisMetricsHook.CONNECTIONS).gauge().value()).isZero();
  }

  @Test
  void blockingReadsAreNotTimed() {
    EmbeddedChannel channel = new EmbeddedChannel();
    hook.afterChannelInitialization(channel);
    CompletableFuture<Object> read = new CompletableFuture<>();
    channel.writeOutbound(
        command(read, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "2000", "STREAMS", "s", ">"));
    read.complete(null);
    CompletableFuture<Object> pop = new CompletableFuture<>();
    channel.writeOutbound(command(pop, "BLPOP", "list", "1"));
    pop.complete(null);
    assertThat(registry.find(RedisMetricsHook.COMMAND).timers()).isEmpty();
    assertThat(registry.get(RedisMetricsHook.IN_FLIGHT).gauge().value()).isZero();
  }

  private static CommandData<Object, Object> command(
      CompletableFuture<Object> promise, String name, Object... params) {
    return new CommandData<>(promise, StringCodec.INSTANCE, new RedisCommand<>(name), params);
  }
}
