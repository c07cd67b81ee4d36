package vent.provider.relation.server;

import dev.vent.notification.v1.NotificationService;
import dev.vent.relation.v1.RelationService;
import java.time.Clock;
import vent.common.config.global.ConfigKeys;
import vent.common.config.global.Live;
import vent.common.dubbo.ProviderMain;
import vent.common.events.EventStreams;
import vent.common.events.OutboxRelay;
import vent.common.redis.DurableWrites;
import vent.provider.relation.domain.FollowGraph;
import vent.provider.relation.domain.Notifications;
import vent.provider.relation.domain.PageLimit;
import vent.provider.relation.events.HandOffHandler;
import vent.provider.relation.events.MentionHandler;
import vent.provider.relation.events.UserDeletedHandler;
import vent.provider.relation.service.NotificationServiceImpl;
import vent.provider.relation.service.RelationServiceImpl;
import vent.provider.relation.store.LayoutMigration;
import vent.provider.relation.store.RedisNotificationRepository;
import vent.provider.relation.store.RedisRelationRepository;

/**
 * Entry point of vent-provider-relation: serves {@code vent.relation.v1.RelationService} and {@code
 * vent.notification.v1.NotificationService} over Dubbo Triple, registered in Consul, with the graph
 * and the inboxes in Redis; relays its outboxes to the relation stream's shards, consumes
 * UserDeleted (removes the user's edges), its own Followed / Unfollowed / EdgeRemoved / Blocked /
 * Unblocked (the other side of each change, inboxes included) and VentPosted (mentions) from the
 * event streams.
 *
 * <p>Usage: {@code java -jar vent-provider-relation.jar [config.yml]} (else {@code $VENT_CONFIG},
 * else the bundled config.yml, which reads the VENT_* environment variables). Exit codes and
 * start-up order: {@link ProviderMain}.
 */
public final class RelationProviderMain {

  private RelationProviderMain() {}

  public static void main(String[] args) throws InterruptedException {
    ProviderMain.run(
        args,
        RelationProviderConfig.class,
        (config, server, redis) -> {
          Live<Integer> maxPage =
              server.globalConfig().bind(ConfigKeys.PAGE_SIZE_MAX, config.relation.maxPageSize);
          PageLimit pageLimit = PageLimit.upTo(maxPage::get);
          OutboxRelay relay = server.outbox(redis, RedisRelationRepository.OUTBOX_SERVICE);
          FollowGraph graph =
              new FollowGraph(
                  new RedisRelationRepository(
                      redis,
                      relay,
                      config.relation.batchChunkEdges,
                      config.events.shards,
                      new DurableWrites(redis, config.redis)),
                  Clock.systemUTC(),
                  pageLimit);
          Notifications notifications =
              new Notifications(new RedisNotificationRepository(redis), pageLimit);
          server.provide(RelationService.class, new RelationServiceImpl(graph));
          server.provide(NotificationService.class, new NotificationServiceImpl(notifications));
          server.consume(
              redis, EventStreams.USER, UserDeletedHandler.GROUP, new UserDeletedHandler(graph));
          server.consume(
              redis, EventStreams.RELATION, HandOffHandler.GROUP, new HandOffHandler(graph));
          server.consume(
              redis, EventStreams.POST, MentionHandler.GROUP, new MentionHandler(notifications));
        },
        (config, redis) -> new LayoutMigration(redis, config.events.shards).run().toString());
  }
}
