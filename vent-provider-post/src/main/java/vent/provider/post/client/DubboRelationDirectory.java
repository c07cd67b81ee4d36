package vent.provider.post.client;

import dev.vent.relation.v1.FollowEntry;
import dev.vent.relation.v1.GetCountsRequest;
import dev.vent.relation.v1.GetRelationshipsRequest;
import dev.vent.relation.v1.ListFollowsRequest;
import dev.vent.relation.v1.ListFollowsResponse;
import dev.vent.relation.v1.RelationService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import vent.common.dubbo.RpcErrors;
import vent.provider.post.domain.RelationDirectory;
import vent.provider.post.domain.Relationship;

/**
 * {@link RelationDirectory} over the relation service's Triple API (GetRelationships, GetCounts,
 * ListFollowers). Failures arrive as the relation service reported them ({@link
 * RpcErrors#toVentException(Throwable)}).
 */
public final class DubboRelationDirectory implements RelationDirectory {

  /** Most ids one GetRelationships call takes (relation.proto). */
  static final int MAX_IDS = 500;

  private final Supplier<RelationService> relations;

  /**
   * @param relations the reference's proxy, resolved at the first call (after the node started)
   */
  public DubboRelationDirectory(Supplier<RelationService> relations) {
    this.relations = relations;
  }

  @Override
  public Map<String, Relationship> relationships(String userId, Collection<String> otherIds) {
    List<String> ids = new ArrayList<>(otherIds);
    Map<String, Relationship> out = new HashMap<>();
    for (int from = 0; from < ids.size(); from += MAX_IDS) {
      GetRelationshipsRequest request =
          GetRelationshipsRequest.newBuilder()
              .setUserId(userId)
              .addAllOtherIds(ids.subList(from, Math.min(ids.size(), from + MAX_IDS)))
              .build();
      try {
        for (dev.vent.relation.v1.Relationship r :
            relations.get().getRelationships(request).getRelationshipsList()) {
          out.put(
              r.getUserId(),
              new Relationship(
                  r.getUserId(),
                  r.getFollowing(),
                  r.getFollowedBy(),
                  r.getBlocking(),
                  r.getBlockedBy(),
                  r.getMuting()));
        }
      } catch (RuntimeException e) {
        throw RpcErrors.toVentException(e);
      }
    }
    for (String id : ids) {
      out.putIfAbsent(id, Relationship.none(id));
    }
    return out;
  }

  @Override
  public long followerCount(String userId) {
    try {
      return relations
          .get()
          .getCounts(GetCountsRequest.newBuilder().addUserIds(userId).build())
          .getCountsList()
          .stream()
          .filter(c -> c.getUserId().equals(userId))
          .mapToLong(c -> c.getFollowers())
          .findFirst()
          .orElse(0);
    } catch (RuntimeException e) {
      throw RpcErrors.toVentException(e);
    }
  }

  @Override
  public FollowerPage followers(String userId, String cursor, int limit) {
    ListFollowsResponse page;
    try {
      page =
          relations
              .get()
              .listFollowers(
                  ListFollowsRequest.newBuilder()
                      .setUserId(userId)
                      .setCursor(cursor)
                      .setLimit(limit)
                      .build());
    } catch (RuntimeException e) {
      throw RpcErrors.toVentException(e);
    }
    List<String> ids = new ArrayList<>(page.getEntriesCount());
    for (FollowEntry entry : page.getEntriesList()) {
      ids.add(entry.getUserId());
    }
    return new FollowerPage(ids, page.getNextCursor());
  }
}
