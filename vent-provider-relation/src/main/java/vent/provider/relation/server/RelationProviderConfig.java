package vent.provider.relation.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import vent.common.config.ProviderConfig;
import vent.provider.relation.domain.PageLimit;
import vent.provider.relation.store.RedisRelationRepository;

/**
 * Configuration of vent-provider-relation: the common provider settings plus a {@code relation}
 * section.
 *
 * <p>YAML shape: {@code {application, server, registry, redis, consumerTimeoutMs, relation:
 * {batchChunkEdges: 1000, maxPageSize: 100}}}.
 */
public class RelationProviderConfig extends ProviderConfig {

  @JsonProperty public RelationSettings relation = new RelationSettings();

  /** Tuning of the relation service itself. */
  public static class RelationSettings {
    /**
     * Edges written per Lua script call by BatchFollow (1 or more). Larger chunks are faster but
     * block Redis longer per call (about 1-2 ms per 1000 edges).
     */
    @JsonProperty public int batchChunkEdges = RedisRelationRepository.DEFAULT_BATCH_CHUNK_EDGES;

    /**
     * Largest page of list calls: the local layer of the global configuration's {@code
     * paging.page-size-max} (docs/CONFIG.md), which Consul KV overrides.
     */
    @JsonProperty public int maxPageSize = PageLimit.MAX;
  }
}
