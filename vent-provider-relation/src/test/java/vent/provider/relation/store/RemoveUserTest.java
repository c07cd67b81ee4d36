package vent.provider.relation.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vent.common.testing.RedisExtension;
import vent.provider.relation.domain.FollowEdge;
import vent.provider.relation.domain.UserCounts;

/** The deletion cascade against a real Redis: every edge, both sides, in chunks, repeatable. */
class RemoveUserTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private static RedisRelationRepository repo;
  private static RedisNotificationRepository inbox;

  @BeforeAll
  static void setUp() {
    repo = new RedisRelationRepository(REDIS.client(), 1000);
    inbox = new RedisNotificationRepository(REDIS.client());
  }

  @Test
  void removesThousandsOfEdgesInChunksAndFixesEveryCount() {
    int followers = 3 * RedisRelationRepository.REMOVE_CHUNK_EDGES + 7;
    List<FollowEdge> edges = new ArrayList<>();
    for (int i = 100; i < 100 + followers; i++) {
      edges.add(new FollowEdge(Integer.toString(i), "1"));
    }
    for (int i = 100; i < 150; i++) {
      edges.add(new FollowEdge("1", Integer.toString(i)));
    }
    edges.add(new FollowEdge("100", "101"));
    repo.batchFollow(edges, 10L);
    inbox.recordFollowed("100", "1", 10L);
    inbox.recordFollowed("1", "100", 10L);

    repo.removeUser("1");

    assertThat(repo.counts(List.of("1"))).containsExactly(new UserCounts("1", 0, 0));
    assertThat(repo.counts(List.of("100", "101", "2000"))).containsExactly(
        new UserCounts("100", 0, 1), new UserCounts("101", 1, 0), new UserCounts("2000", 0, 0));
    assertThat(inbox.page("100", null, 10)).isEmpty();
    assertThat(REDIS.client().getKeys().countExists("vent:notification:{1}:inbox")).isZero();

    repo.removeUser("1");
    assertThat(repo.counts(List.of("100", "101"))).containsExactly(new UserCounts("100", 0, 1), new UserCounts("101", 1, 0));
  }
}
