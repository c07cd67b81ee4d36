package vent.provider.relation.server;

import java.time.Clock;
import org.redisson.api.RedissonClient;
import vent.common.config.ConfigLoader;
import vent.common.dubbo.ProviderServer;
import vent.common.redis.RedissonFactory;
import vent.provider.relation.domain.FollowGraph;
import vent.provider.relation.service.RelationServiceImpl;
import vent.provider.relation.store.RedisRelationRepository;
import vent.relation.v1.RelationService;

/**
 * Entry point of vent-provider-relation: serves {@code vent.relation.v1.RelationService} over
 * Dubbo Triple, registered in Consul, with the graph in Redis.
 *
 * <p>Usage: {@code java -jar vent-provider-relation.jar [config.yml]} (else {@code $VENT_CONFIG},
 * else the bundled config.yml, which reads the VENT_* environment variables).
 */
public final class RelationProviderMain {

  private RelationProviderMain() {}

  public static void main(String[] args) throws InterruptedException {
    RelationProviderConfig config = ConfigLoader.load(args, RelationProviderConfig.class);
    ProviderServer server = new ProviderServer(config);
    RedissonClient redis = RedissonFactory.create(config.redis);
    FollowGraph graph = new FollowGraph(new RedisRelationRepository(redis, config.relation.batchChunkEdges), Clock.systemUTC());
    server.provide(RelationService.class, new RelationServiceImpl(graph))
        .closeOnStop(redis::shutdown)
        .start()
        .awaitTermination();
  }
}
