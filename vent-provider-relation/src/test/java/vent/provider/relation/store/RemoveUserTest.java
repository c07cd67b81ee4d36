package vent.provider.relation.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vent.common.testing.RedisExtension;
import vent.provider.relation.domain.FollowEdge;
import vent.provider.relation.domain.RelationRepository;
import vent.provider.relation.domain.UserCounts;

/**
 * The deletion cascade against a real Redis: every edge, both sides once the hand-offs are applied,
 * in chunks, repeatable.
 */
class RemoveUserTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private RelationRepository repo;
  private RedisNotificationRepository inbox;

  @BeforeEach
  void setUp() {
    repo =
        new HandOffDriver(REDIS.client(), () -> 0L)
            .settling(HandOffDriver.repository(REDIS.client(), 1000));
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
    assertThat(inbox.page("100", null, 10)).hasSize(1);
    assertThat(inbox.page("1", null, 10)).hasSize(10);

    repo.removeUser("1", 20L);

    assertThat(repo.counts(List.of("1"))).containsExactly(new UserCounts("1", 0, 0));
    assertThat(repo.counts(List.of("100", "101", "2000")))
        .containsExactly(
            new UserCounts("100", 0, 1), new UserCounts("101", 1, 0), new UserCounts("2000", 0, 0));
    assertThat(inbox.page("100", null, 10)).as("followed:1 went with the edge").isEmpty();
    assertThat(REDIS.client().getKeys().getKeysStreamByPattern("vent:relation:{1}:*"))
        .containsExactly("vent:relation:{1}:deleted");
    assertThat(REDIS.client().getKeys().getKeysStreamByPattern("vent:notification:{1}:*"))
        .isEmpty();

    repo.removeUser("1", 30L);
    assertThat(repo.counts(List.of("100", "101")))
        .containsExactly(new UserCounts("100", 0, 1), new UserCounts("101", 1, 0));
  }
}
