package vent.web.resources;

import dev.vent.relation.v1.FollowCounts;
import dev.vent.relation.v1.FollowEntry;
import dev.vent.relation.v1.ListFollowsResponse;
import dev.vent.user.v1.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import vent.web.api.PageJson;
import vent.web.api.ProfileJson;
import vent.web.api.UserJson;
import vent.web.rpc.RelationClient;
import vent.web.rpc.Rpc;
import vent.web.rpc.UserClient;

/** Compositions several resources share: a profile with its counts, and hydrating id lists. */
final class Profiles {

  private final UserClient users;
  private final RelationClient relations;

  Profiles(UserClient users, RelationClient relations) {
    this.users = users;
    this.relations = relations;
  }

  /**
   * The user and their counts, fetched in parallel.
   *
   * @throws vent.common.error.VentException NOT_FOUND USER_NOT_FOUND
   */
  ProfileJson byId(String id) {
    CompletableFuture<User> user = users.getAsync(id);
    CompletableFuture<FollowCounts> counts = relations.countsAsync(id);
    return ProfileJson.of(Rpc.await(user), Rpc.await(counts));
  }

  /** A user already fetched, with their counts. */
  ProfileJson withCounts(User user) {
    return ProfileJson.of(user, Rpc.await(relations.countsAsync(user.getId())));
  }

  /**
   * The public profiles of {@code ids} in one BatchGetUsers call, in the order of {@code ids};
   * users deleted meanwhile are left out.
   */
  List<UserJson> hydrate(List<String> ids) {
    Map<String, UserJson> byId = byIds(ids);
    List<UserJson> ordered = new ArrayList<>(ids.size());
    for (String id : ids) {
      UserJson user = byId.get(id);
      if (user != null) {
        ordered.add(user);
      }
    }
    return ordered;
  }

  /**
   * A page of a user list (followers, following, blocks, mutes) as public profiles, in the
   * listing's order; users deleted meanwhile are left out.
   */
  PageJson<UserJson> page(ListFollowsResponse listing) {
    List<String> ids = listing.getEntriesList().stream().map(FollowEntry::getUserId).toList();
    String next = listing.getNextCursor().isEmpty() ? null : listing.getNextCursor();
    return new PageJson<>(hydrate(ids), next);
  }

  /**
   * The public profiles of {@code ids} in one BatchGetUsers call, by id; users that do not exist
   * (deleted meanwhile) have no entry.
   */
  Map<String, UserJson> byIds(List<String> ids) {
    Map<String, UserJson> byId = new HashMap<>();
    for (User user : users.batchGet(ids)) {
      byId.put(user.getId(), UserJson.of(user));
    }
    return byId;
  }
}
