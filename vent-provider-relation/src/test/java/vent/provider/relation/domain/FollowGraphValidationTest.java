package vent.provider.relation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

/**
 * Input rules of every use case. The repository fails the test if touched: a rejected call must not
 * reach storage (and calls with nothing to do need not).
 */
class FollowGraphValidationTest {

  private static final RelationRepository UNTOUCHABLE =
      (RelationRepository)
          Proxy.newProxyInstance(
              RelationRepository.class.getClassLoader(),
              new Class<?>[] {RelationRepository.class},
              (proxy, method, args) -> {
                throw new AssertionError("storage reached: " + method.getName());
              });

  private final FollowGraph graph = new FollowGraph(UNTOUCHABLE, Clock.systemUTC());

  @Test
  void followRejectsMalformedIdsAndSelf() {
    assertInvalid(() -> graph.follow("", "2"), "INVALID_USER_ID");
    assertInvalid(() -> graph.follow("1", "x"), "INVALID_USER_ID");
    assertInvalid(() -> graph.follow("5", "5"), "CANNOT_FOLLOW_SELF");
  }

  @Test
  void blocksAndMutesRejectMalformedIdsAndSelf() {
    assertInvalid(() -> graph.block("1", "x"), "INVALID_USER_ID");
    assertInvalid(() -> graph.block("5", "5"), "CANNOT_BLOCK_SELF");
    assertInvalid(() -> graph.unblock("0", "2"), "INVALID_USER_ID");
    assertInvalid(() -> graph.mute("", "2"), "INVALID_USER_ID");
    assertInvalid(() -> graph.mute("5", "5"), "CANNOT_MUTE_SELF");
    assertInvalid(() -> graph.unmute("1", "-1"), "INVALID_USER_ID");
  }

  @Test
  void unfollowRejectsMalformedIds() {
    assertInvalid(() -> graph.unfollow("1", "0"), "INVALID_USER_ID");
    assertInvalid(() -> graph.unfollow("a", "1"), "INVALID_USER_ID");
  }

  @Test
  void batchFollowChecksSizeAndEveryIdBeforeWriting() {
    List<FollowEdge> tooMany =
        Collections.nCopies(FollowGraph.MAX_BATCH_EDGES + 1, new FollowEdge("1", "2"));
    assertInvalid(() -> graph.batchFollow(tooMany), "TOO_MANY_IDS");

    List<FollowEdge> oneBad = new ArrayList<>(Collections.nCopies(20, new FollowEdge("1", "2")));
    oneBad.set(17, new FollowEdge("3", "u4"));
    assertThatThrownBy(() -> graph.batchFollow(oneBad))
        .isInstanceOfSatisfying(
            VentException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("INVALID_USER_ID");
              assertThat(e.detail())
                  .isEqualTo(
                      "edges[17].followee_id must be a decimal number of 1-19 digits without leading zeros");
            });
  }

  @Test
  void batchFollowOfSelfEdgesOnlyCreatesNothing() {
    assertThat(graph.batchFollow(List.of(new FollowEdge("3", "3")))).isZero();
    assertThat(graph.batchFollow(List.of())).isZero();
  }

  @Test
  void idListsAreLimitedTo500() {
    List<String> tooMany = Collections.nCopies(FollowGraph.MAX_IDS + 1, "1");
    assertInvalid(() -> graph.relationships("1", tooMany), "TOO_MANY_IDS");
    assertInvalid(() -> graph.counts(tooMany), "TOO_MANY_IDS");
    assertInvalid(() -> graph.relationships("1", List.of("2", "")), "INVALID_USER_ID");
    assertInvalid(() -> graph.relationships("", List.of("2")), "INVALID_USER_ID");
    assertInvalid(() -> graph.counts(List.of("2", "-3")), "INVALID_USER_ID");
    assertThat(graph.relationships("1", List.of())).isEmpty();
    assertThat(graph.counts(List.of())).isEmpty();
  }

  @Test
  void listsCheckUserThenLimitThenCursor() {
    for (Direction d : Direction.values()) {
      assertInvalid(() -> graph.list(d, "x", 500, "bad"), "INVALID_USER_ID");
      assertInvalid(() -> graph.list(d, "1", 101, "bad"), "INVALID_LIMIT");
      assertInvalid(() -> graph.list(d, "1", -1, ""), "INVALID_LIMIT");
      assertInvalid(() -> graph.list(d, "1", 10, "bad!"), "INVALID_CURSOR");
    }
  }

  @Test
  void mutualsAndSuggestionsCheckUserAndLimit() {
    assertInvalid(() -> graph.mutuals("", 10), "INVALID_USER_ID");
    assertInvalid(() -> graph.mutuals("1", 101), "INVALID_LIMIT");
    assertInvalid(() -> graph.suggestions("1.5", 10), "INVALID_USER_ID");
    assertInvalid(() -> graph.suggestions("1", -2), "INVALID_LIMIT");
  }

  private static void assertInvalid(ThrowingCallable call, String reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            VentException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
              assertThat(e.reason()).isEqualTo(reason);
            });
  }
}
