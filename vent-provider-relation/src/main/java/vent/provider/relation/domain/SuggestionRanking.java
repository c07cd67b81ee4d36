package vent.provider.relation.domain;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The pure part of "friends of friends" suggestions: counting and ranking, no storage. */
public final class SuggestionRanking {

  /** Mutual count descending, then user id ascending (numerically). */
  public static final Comparator<SuggestedUser> ORDER =
      Comparator.comparingInt(SuggestedUser::mutualCount)
          .reversed()
          .thenComparing(SuggestedUser::userId, UserIds::compareNumerically);

  private SuggestionRanking() {}

  /**
   * Counts, for every user followed by at least one of the asking user's followees, how many of
   * those followees follow them. The asking user and the followees themselves (already followed)
   * are left out.
   *
   * @param userId the asking user
   * @param followeesOfFollowees followee f of the asking user -> the users f follows (no duplicates
   *     per list)
   * @return candidate -> mutual count (at least 1)
   */
  public static Map<String, Integer> countCandidates(
      String userId, Map<String, List<String>> followeesOfFollowees) {
    Map<String, Integer> counts = new HashMap<>();
    for (List<String> theirs : followeesOfFollowees.values()) {
      for (String candidate : theirs) {
        counts.merge(candidate, 1, Integer::sum);
      }
    }
    counts.remove(userId);
    counts.keySet().removeAll(followeesOfFollowees.keySet());
    return counts;
  }

  /**
   * @param counts candidate -> mutual count, from {@link #countCandidates}
   * @param alreadyFollowed candidates to leave out
   * @param limit how many suggestions at most
   * @return the best {@code limit} candidates in {@link #ORDER}
   */
  public static List<SuggestedUser> rank(
      Map<String, Integer> counts, Set<String> alreadyFollowed, int limit) {
    return counts.entrySet().stream()
        .filter(e -> !alreadyFollowed.contains(e.getKey()))
        .map(e -> new SuggestedUser(e.getKey(), e.getValue()))
        .sorted(ORDER)
        .limit(limit)
        .toList();
  }
}
