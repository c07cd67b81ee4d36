package vent.common.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.redisson.client.NettyHook;
import org.redisson.client.protocol.CommandData;
import org.redisson.client.protocol.CommandsData;

/**
 * Redis metrics of a Redisson client, from Redisson's Netty hook ({@code Config.setNettyHook}):
 * Redisson has no Micrometer binder. Records into {@link Metrics#globalRegistry}:
 *
 * <ul>
 *   <li>{@code redis.connections} (gauge, Prometheus {@code redis_connections}): Redis connections
 *       of this process's clients, open or opening (a channel counts from its initialisation to its
 *       close);
 *   <li>{@code redis.commands.in.flight} (gauge, {@code redis_commands_in_flight}): commands
 *       written and not yet answered;
 *   <li>{@code redis.command.duration} (Timer, {@code redis_command_duration_seconds}), tags {@code
 *       command} (the command's name only, e.g. {@code EVAL}, {@code XADD}: never keys or
 *       arguments) and {@code outcome} ({@code ok}, {@code error}: a Redis error, a timeout, a lost
 *       connection), buckets {@link LatencyBuckets#REDIS}. Measured from the write on the
 *       connection to the decoded answer; each command of a pipeline is measured alone.
 * </ul>
 *
 * <p>Blocking commands (Redisson's blocking set: {@code XREADGROUP ... BLOCK}, {@code BLPOP}, ...)
 * are neither timed nor counted in flight: they wait by design, and would fill the top bucket.
 */
public final class RedisMetricsHook implements NettyHook {

  /** Timer of a command. */
  public static final String COMMAND = "redis.command.duration";

  /** Gauge of connections. */
  public static final String CONNECTIONS = "redis.connections";

  /** Gauge of commands in flight. */
  public static final String IN_FLIGHT = "redis.commands.in.flight";

  private final MeterRegistry registry;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ConcurrentMap<String, Timer> ok = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Timer> error = new ConcurrentHashMap<>();
  private final ChannelHandler handler = new Timing();

  private static RedisMetricsHook shared;

  /**
   * The process's hook, into the global registry: one for all Redisson clients of the process, so
   * that its gauges count them all (a second gauge of the same name would be ignored).
   */
  public static synchronized RedisMetricsHook shared() {
    if (shared == null) {
      shared = new RedisMetricsHook(Metrics.globalRegistry);
    }
    return shared;
  }

  RedisMetricsHook(MeterRegistry registry) {
    this.registry = registry;
    // Gauges hold their objects weakly: the hook (held by Redisson's config) keeps them alive.
    Gauge.builder(CONNECTIONS, connections, AtomicInteger::get)
        .description("Redis connections of this process, open or opening")
        .register(registry);
    Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
        .description("Redis commands written and not yet answered (blocking ones excluded)")
        .register(registry);
  }

  @Override
  public void afterBoostrapInitialization(Bootstrap bootstrap) {}

  @Override
  public void afterChannelInitialization(Channel channel) {
    connections.incrementAndGet();
    channel.closeFuture().addListener(f -> connections.decrementAndGet());
    // Last in the pipeline: an outbound message meets it first, still a CommandData.
    channel.pipeline().addLast("vent-metrics", handler);
  }

  /** Times the commands written on a connection; shared by all of them (no state per channel). */
  @ChannelHandler.Sharable
  private final class Timing extends ChannelOutboundHandlerAdapter {
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
        throws Exception {
      try {
        if (msg instanceof CommandData<?, ?> command) {
          time(command);
        } else if (msg instanceof CommandsData batch) {
          batch.getCommands().forEach(RedisMetricsHook.this::time);
        }
      } catch (RuntimeException e) {
        // A metric must never fail the command it measures.
      }
      super.write(ctx, msg, promise);
    }
  }

  void time(CommandData<?, ?> command) {
    if (blocking(command)) {
      return;
    }
    String name = command.getCommand().getName();
    long t0 = System.nanoTime();
    inFlight.incrementAndGet();
    command
        .getPromise()
        .whenComplete(
            (result, failure) -> {
              inFlight.decrementAndGet();
              timer(name, failure == null).record(Duration.ofNanos(System.nanoTime() - t0));
            });
  }

  static boolean blocking(CommandData<?, ?> command) {
    if (command.isBlockingCommand()) {
      return true;
    }
    String name = command.getCommand().getName();
    if (!name.equals("XREAD") && !name.equals("XREADGROUP")) {
      return false;
    }
    for (Object param : command.getParams()) {
      if (param instanceof String s && s.equalsIgnoreCase("BLOCK")) {
        return true;
      }
    }
    return false;
  }

  Timer timer(String command, boolean success) {
    return (success ? ok : error)
        .computeIfAbsent(
            command,
            c ->
                Timer.builder(COMMAND)
                    .description("Redis commands, from the write to the decoded answer")
                    .tag("command", c)
                    .tag("outcome", success ? "ok" : "error")
                    .serviceLevelObjectives(LatencyBuckets.REDIS)
                    .register(registry));
  }
}
