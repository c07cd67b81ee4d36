package vent.provider.post;

import org.redisson.api.RedissonClient;
import vent.common.events.OutboxRelay;
import vent.common.testing.MutableClock;
import vent.provider.post.domain.FanOut;
import vent.provider.post.domain.TimelineSettings;
import vent.provider.post.domain.Vents;
import vent.provider.post.store.RedisVentRepository;

/**
 * The use cases of this module on a real Redis, with {@link FakeRelations} for the other services.
 */
public final class PostFixture {

  /** Shards of the post stream in tests. */
  public static final int SHARDS = 2;

  /** Real time: Redis expires vents' hashes at their real expiry (PEXPIREAT). */
  public final MutableClock clock = new MutableClock(System.currentTimeMillis());

  public final FakeRelations relations = new FakeRelations();
  public final RedisVentRepository repository;
  public final Vents vents;
  public final FanOut fanOut;
  private long nextRandom = 1;

  public PostFixture(RedissonClient redis, TimelineSettings settings) {
    repository =
        new RedisVentRepository(
            redis, new OutboxRelay(redis, RedisVentRepository.OUTBOX_SERVICE), SHARDS);
    vents = new Vents(repository, relations, relations, settings, clock, () -> nextRandom++);
    fanOut = new FanOut(repository, relations, settings);
  }
}
