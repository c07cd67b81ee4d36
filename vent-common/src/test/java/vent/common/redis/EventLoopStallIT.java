package vent.common.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import vent.common.config.RedisSettings;
import vent.common.testing.RedisServer;

/**
 * A single-mode client (as the providers build it) against a real redis-server, its Netty event
 * loop held up as a busy two-core host holds up an unscheduled thread: a command that waits that
 * long to be written into its connection is still sent and answered, not failed with Redisson's
 * "Command still hasn't been written into connection".
 */
class EventLoopStallIT {

  /** Longer than the 400 ms that failed a read in CI, well inside the 3 s RPC timeout. */
  private static final Duration STALL = Duration.ofMillis(900);

  @Test
  void aCommandWhoseEventLoopStallsUnderASecondIsStillAnswered() throws Exception {
    // One event loop thread carries every connection, so holding it up holds up every write.
    EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    Config config = RedissonFactory.config(RedisSettings.single(RedisServer.shared().address()));
    config.setEventLoopGroup(loop);
    RedissonClient redis = Redisson.create(config);
    try {
      redis.getBucket("vent:stall-it:key").set("value", Duration.ofMinutes(1));

      CountDownLatch stalled = new CountDownLatch(1);
      loop.execute(
          () -> {
            stalled.countDown();
            try {
              TimeUnit.MILLISECONDS.sleep(STALL.toMillis());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      assertThat(stalled.await(5, TimeUnit.SECONDS)).isTrue();
      long t0 = System.nanoTime();
      String read = redis.<String>getBucket("vent:stall-it:key").get();
      long tookMs = (System.nanoTime() - t0) / 1_000_000;

      assertThat(read).isEqualTo("value");
      // The read really waited for the stalled loop: the stall is what this test is about.
      assertThat(tookMs).isGreaterThanOrEqualTo(STALL.toMillis() - 200);
    } finally {
      redis.shutdown();
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }
}
