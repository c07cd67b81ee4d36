package vent.provider.post;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vent.provider.post.domain.RelationDirectory;
import vent.provider.post.domain.Relationship;
import vent.provider.post.domain.UserDirectory;

/**
 * An in-memory follow graph with blocks and mutes, and a user directory, standing in for the
 * relation and user services in tests of this module. Counts calls of GetRelationships.
 */
public final class FakeRelations implements RelationDirectory, UserDirectory {

  private final Map<String, Set<String>> following = new HashMap<>();
  private final Set<String> blocks = new HashSet<>();
  private final Set<String> mutes = new HashSet<>();
  private final Map<String, String> usernames = new HashMap<>();
  public int relationshipCalls;

  public FakeRelations user(String id, String username) {
    usernames.put(username, id);
    return this;
  }

  public FakeRelations follow(String follower, String followee) {
    following.computeIfAbsent(follower, k -> new LinkedHashSet<>()).add(followee);
    return this;
  }

  public FakeRelations unfollow(String follower, String followee) {
    following.getOrDefault(follower, Set.of()).remove(followee);
    return this;
  }

  public FakeRelations block(String blocker, String blocked) {
    blocks.add(blocker + ">" + blocked);
    return this;
  }

  public FakeRelations mute(String muter, String muted) {
    mutes.add(muter + ">" + muted);
    return this;
  }

  private boolean follows(String a, String b) {
    return following.getOrDefault(a, Set.of()).contains(b);
  }

  @Override
  public Map<String, Relationship> relationships(String userId, Collection<String> otherIds) {
    relationshipCalls++;
    Map<String, Relationship> out = new LinkedHashMap<>();
    for (String o : otherIds) {
      out.put(
          o,
          new Relationship(
              o,
              follows(userId, o),
              follows(o, userId),
              blocks.contains(userId + ">" + o),
              blocks.contains(o + ">" + userId),
              mutes.contains(userId + ">" + o)));
    }
    return out;
  }

  private List<String> followersOf(String userId) {
    List<String> out = new ArrayList<>();
    following.forEach(
        (follower, followees) -> {
          if (followees.contains(userId)) {
            out.add(follower);
          }
        });
    out.sort(null);
    return out;
  }

  @Override
  public long followerCount(String userId) {
    return followersOf(userId).size();
  }

  @Override
  public FollowerPage followers(String userId, String cursor, int limit) {
    List<String> all = followersOf(userId);
    int from = cursor.isEmpty() ? 0 : Integer.parseInt(cursor);
    int to = Math.min(all.size(), from + limit);
    return new FollowerPage(all.subList(from, to), to < all.size() ? Integer.toString(to) : "");
  }

  @Override
  public Map<String, String> idsOf(List<String> names) {
    Map<String, String> ids = new HashMap<>();
    for (String name : names) {
      if (usernames.containsKey(name)) {
        ids.put(name, usernames.get(name));
      }
    }
    return ids;
  }
}
