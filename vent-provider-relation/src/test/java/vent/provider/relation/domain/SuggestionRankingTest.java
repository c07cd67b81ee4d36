package vent.provider.relation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuggestionRankingTest {

  /** User 1 follows 2, 3, 4; they follow the lists below. */
  private static Map<String, List<String>> graph() {
    Map<String, List<String>> g = new LinkedHashMap<>();
    g.put("2", List.of("10", "9", "1", "3"));
    g.put("3", List.of("9", "10", "11"));
    g.put("4", List.of("9", "100"));
    return g;
  }

  @Test
  void countsHowManyFolloweesFollowEachCandidate() {
    Map<String, Integer> counts = SuggestionRanking.countCandidates("1", graph());
    assertThat(counts)
        .containsExactlyInAnyOrderEntriesOf(Map.of("9", 3, "10", 2, "11", 1, "100", 1));
  }

  @Test
  void leavesOutTheUserAndTheFolloweesThemselves() {
    Map<String, Integer> counts = SuggestionRanking.countCandidates("1", graph());
    assertThat(counts).doesNotContainKeys("1", "2", "3", "4");
  }

  @Test
  void ranksByCountThenNumericIdAscending() {
    Map<String, Integer> counts = SuggestionRanking.countCandidates("1", graph());
    assertThat(SuggestionRanking.rank(counts, Set.of(), 10))
        .containsExactly(
            new SuggestedUser("9", 3), new SuggestedUser("10", 2),
            new SuggestedUser("11", 1), new SuggestedUser("100", 1));
  }

  @Test
  void dropsAlreadyFollowedAndCutsAtLimit() {
    Map<String, Integer> counts = SuggestionRanking.countCandidates("1", graph());
    assertThat(SuggestionRanking.rank(counts, Set.of("9"), 2))
        .containsExactly(new SuggestedUser("10", 2), new SuggestedUser("11", 1));
  }

  @Test
  void nothingToSuggestFromNothing() {
    assertThat(
            SuggestionRanking.rank(SuggestionRanking.countCandidates("1", Map.of()), Set.of(), 20))
        .isEmpty();
  }
}
