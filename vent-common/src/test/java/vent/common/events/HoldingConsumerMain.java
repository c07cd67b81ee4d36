package vent.common.events;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.redisson.api.RedissonClient;
import vent.common.testing.RedisTestSupport;

/**
 * A consumer process for {@link StreamConsumerIT} that takes entries and never finishes them: its
 * handler blocks, so everything it reads stays pending with it until the test kills it.
 *
 * <p>Arguments: Redis deployment ({@link RedisTestSupport#deployment()}), stream, group, consumer
 * name.
 */
public final class HoldingConsumerMain {

  private HoldingConsumerMain() {}

  public static void main(String[] args) throws InterruptedException {
    RedissonClient redis = RedisTestSupport.clientFor(args[0]);
    CountDownLatch never = new CountDownLatch(1);
    StreamConsumer.start(
        redis,
        args[1],
        new ConsumerSettings(
            args[2], args[3], 1000, Duration.ofMillis(200), Duration.ofMinutes(10), 5),
        event -> never.await());
    System.out.println("ready");
    never.await();
  }
}
