package vent.common.redis;

import java.time.Duration;
import java.util.List;
import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import vent.common.config.RedisSettings;

/**
 * Runs the write scripts that must not be lost with a failover: with {@code redis.waitReplicas} N >
 * 0, each script is followed by Redis's {@code WAIT N timeout} on its node (Redisson's batch {@code
 * sync} option), and the write is acknowledged only once N replicas have it. With 0 it is a plain
 * {@code EVAL}, acknowledged as soon as the primary has it (Redis replicates asynchronously, so a
 * primary killed right after may lose it; docs/SCALING.md measures both).
 *
 * <p>When fewer than N replicas confirm within {@code redis.waitTimeoutMs}, the call fails with a
 * {@link org.redisson.client.RedisException}: the primary has the write, but its durability was not
 * confirmed, and the caller answers as for any Redis failure (the write is idempotent, so the
 * client may repeat it).
 */
public final class DurableWrites {

  private final RedissonClient redis;
  private final int replicas;
  private final Duration timeout;

  /**
   * @param settings the process's Redis settings ({@code waitReplicas}, {@code waitTimeoutMs})
   */
  public DurableWrites(RedissonClient redis, RedisSettings settings) {
    this(redis, settings.waitReplicas, Duration.ofMillis(settings.waitTimeoutMs));
  }

  /**
   * @param replicas replicas that must confirm each write, 0 for none
   * @param timeout how long to wait for them
   */
  public DurableWrites(RedissonClient redis, int replicas, Duration timeout) {
    this.redis = redis;
    this.replicas = replicas;
    this.timeout = timeout;
  }

  /**
   * {@code EVAL} of a read-write script whose keys share one slot, then {@code WAIT} as configured.
   *
   * @return the script's reply, as {@link RScript#eval} returns it for {@code returnType}
   */
  @SuppressWarnings("unchecked")
  public <R> R eval(
      String script, RScript.ReturnType returnType, List<Object> keys, Object... args) {
    if (replicas == 0) {
      return redis
          .getScript(StringCodec.INSTANCE)
          .eval(RScript.Mode.READ_WRITE, script, returnType, keys, args);
    }
    RBatch batch = redis.createBatch(BatchOptions.defaults().sync(replicas, timeout));
    batch
        .getScript(StringCodec.INSTANCE)
        .evalAsync(RScript.Mode.READ_WRITE, script, returnType, keys, args);
    BatchResult<?> result = batch.execute();
    if (result.getSyncedSlaves() < replicas) {
      throw new RedisException(
          "WAIT: "
              + result.getSyncedSlaves()
              + " of "
              + replicas
              + " replicas confirmed the write within "
              + timeout.toMillis()
              + " ms");
    }
    return (R) result.getResponses().get(0);
  }

  /** Replicas each write waits for, 0 for none. */
  public int replicas() {
    return replicas;
  }
}
