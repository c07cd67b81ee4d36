package vent.provider.post.server;

import dev.vent.post.v1.PostService;
import dev.vent.relation.v1.RelationService;
import dev.vent.user.v1.UserService;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.dubbo.config.ReferenceConfig;
import vent.common.config.global.ConfigKeys;
import vent.common.config.global.Live;
import vent.common.dubbo.ProviderMain;
import vent.common.events.EventStreams;
import vent.common.events.OutboxRelay;
import vent.provider.post.client.DubboRelationDirectory;
import vent.provider.post.client.DubboUserDirectory;
import vent.provider.post.domain.FanOut;
import vent.provider.post.domain.RelationDirectory;
import vent.provider.post.domain.TimelineSettings;
import vent.provider.post.domain.Vents;
import vent.provider.post.events.FanOutHandler;
import vent.provider.post.events.UserDeletedHandler;
import vent.provider.post.service.PostServiceImpl;
import vent.provider.post.store.RedisVentRepository;

/**
 * Entry point of vent-provider-post: serves {@code vent.post.v1.PostService} (vents and home
 * timelines) over Dubbo Triple, registered in Consul, with the data in Redis; consumes the user
 * service (mentions) and the relation service (visibility, followers); relays its outboxes to the
 * post stream's shards, fans new vents out to followers' timelines (its own VentPosted and
 * VentDeleted) and removes deleted users' vents (UserDeleted).
 *
 * <p>Usage: {@code java -jar vent-provider-post.jar [config.yml]} (else {@code $VENT_CONFIG}, else
 * the bundled config.yml, which reads the VENT_* environment variables). Exit codes and start-up
 * order: {@link ProviderMain}.
 */
public final class PostProviderMain {

  /** The local layer of {@code paging.page-size-max} here: the relation provider's default. */
  private static final int PAGE_SIZE_MAX_DEFAULT = ConfigKeys.PAGE_SIZE_MAX.defaultValue();

  private PostProviderMain() {}

  public static void main(String[] args) throws InterruptedException {
    ProviderMain.run(
        args,
        PostProviderConfig.class,
        (config, server, redis) -> {
          // Every call used here is a read: retried on another instance.
          ReferenceConfig<UserService> userRef =
              server.node().refer(UserService.class, config.consumerTimeoutMs, 2, Set.of());
          ReferenceConfig<RelationService> relationRef =
              server.node().refer(RelationService.class, config.consumerTimeoutMs, 2, Set.of());
          Live<Integer> capacity =
              server
                  .globalConfig()
                  .bind(ConfigKeys.TIMELINE_CAPACITY, config.post.timelineCapacity);
          Live<Integer> threshold =
              server
                  .globalConfig()
                  .bind(ConfigKeys.TIMELINE_FAN_OUT_THRESHOLD, config.post.fanOutThreshold);
          // The relation service refuses ListFollowers pages above its paging.page-size-max.
          Live<Integer> followersPage =
              server.globalConfig().bind(ConfigKeys.PAGE_SIZE_MAX, PAGE_SIZE_MAX_DEFAULT);
          TimelineSettings settings =
              new TimelineSettings(
                  capacity::get, threshold::get, () -> Math.min(100, followersPage.get()));
          OutboxRelay relay = server.outbox(redis, RedisVentRepository.OUTBOX_SERVICE);
          RedisVentRepository repository =
              new RedisVentRepository(redis, relay, config.events.shards);
          RelationDirectory relations = new DubboRelationDirectory(Lazy.of(relationRef::get));
          SecureRandom random = new SecureRandom();
          Vents vents =
              new Vents(
                  repository,
                  relations,
                  new DubboUserDirectory(Lazy.of(userRef::get)),
                  settings,
                  Clock.systemUTC(),
                  random::nextLong);
          server.provide(PostService.class, new PostServiceImpl(vents));
          server.consume(
              redis,
              EventStreams.POST,
              FanOutHandler.GROUP,
              new FanOutHandler(new FanOut(repository, relations, settings)));
          server.consume(
              redis, EventStreams.USER, UserDeletedHandler.GROUP, new UserDeletedHandler(vents));
        },
        // Its layout has never changed: `./vent migrate` finds nothing to move.
        null);
  }

  /** A reference's proxy exists once serving has started: resolved on first use, then kept. */
  static final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> source;
    private volatile T value;

    private Lazy(Supplier<T> source) {
      this.source = source;
    }

    static <T> Lazy<T> of(Supplier<T> source) {
      return new Lazy<>(source);
    }

    @Override
    public T get() {
      T v = value;
      if (v == null) {
        v = source.get();
        value = v;
      }
      return v;
    }
  }
}
