package vent.provider.relation.server;

import java.time.Clock;
import vent.common.config.global.ConfigKeys;
import vent.common.config.global.Live;
import vent.common.dubbo.ProviderMain;
import vent.provider.relation.domain.FollowGraph;
import vent.provider.relation.domain.PageLimit;
import vent.provider.relation.service.RelationServiceImpl;
import vent.provider.relation.store.RedisRelationRepository;
import vent.relation.v1.RelationService;

/**
 * Entry point of vent-provider-relation: serves {@code vent.relation.v1.RelationService} over
 * Dubbo Triple, registered in Consul, with the graph in Redis.
 *
 * <p>Usage: {@code java -jar vent-provider-relation.jar [config.yml]} (else {@code $VENT_CONFIG},
 * else the bundled config.yml, which reads the VENT_* environment variables). Exit codes and
 * start-up order: {@link ProviderMain}.
 */
public final class RelationProviderMain {

  private RelationProviderMain() {}

  public static void main(String[] args) throws InterruptedException {
    ProviderMain.run(args, RelationProviderConfig.class, (config, server, redis) -> {
      Live<Integer> maxPage = server.globalConfig().bind(ConfigKeys.PAGE_SIZE_MAX, config.relation.maxPageSize);
      FollowGraph graph = new FollowGraph(new RedisRelationRepository(redis, config.relation.batchChunkEdges),
          Clock.systemUTC(), PageLimit.upTo(maxPage::get));
      server.provide(RelationService.class, new RelationServiceImpl(graph));
    });
  }
}
