package vent.common.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.redisson.api.RedissonClient;

/**
 * One {@link RedissonClient} per test class to the shared, real test Redis ({@link
 * RedisServer#shared()}, a {@code redis-server} process started on first use, one per JVM; nothing
 * is mocked or embedded). Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final RedisExtension REDIS = new RedisExtension();
 * }</pre>
 *
 * <p>The client is opened with {@link RedisTestSupport#newClient()} before all tests of the class
 * and shut down after all of them. Before each test the server is flushed as the {@link Flush} mode
 * says (by default {@code FLUSHALL}); this runs before the class's own {@code @BeforeEach} methods,
 * so those may set up fixtures on a clean Redis. The server is shared by every test class in the
 * JVM, so test classes must not run in parallel.
 */
public final class RedisExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  /** What to flush before each test. */
  public enum Flush {
    /** {@code FLUSHALL}: every database. */
    ALL,
    /** {@code FLUSHDB}: the client's database only. */
    DB,
    /** Nothing; the tests keep their keys apart themselves. */
    NONE
  }

  private final Flush flush;
  private RedissonClient client;
  private String owner;

  /** Flushes every database ({@code FLUSHALL}) before each test. */
  public RedisExtension() {
    this(Flush.ALL);
  }

  public RedisExtension(Flush flush) {
    this.flush = flush;
  }

  /** The client; open from before the first test of the class until after the last. */
  public RedissonClient client() {
    if (client == null) {
      throw new IllegalStateException(
          "RedisExtension is not started: register it on a static @RegisterExtension field");
    }
    return client;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // @Nested classes see the outer class's extension again; keep the outer client.
    if (client == null) {
      client = RedisTestSupport.newClient();
      owner = context.getUniqueId();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    switch (flush) {
      case ALL -> client().getKeys().flushall();
      case DB -> client().getKeys().flushdb();
      case NONE -> {}
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (client != null && context.getUniqueId().equals(owner)) {
      RedissonClient c = client;
      client = null;
      owner = null;
      c.shutdown();
    }
  }
}
