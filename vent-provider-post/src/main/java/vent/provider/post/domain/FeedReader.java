package vent.provider.post.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads one page of vents from one or more feeds merged newest first, dropping vents that are gone
 * or expired (and forgetting their places in the feeds they came from) and those the page's filter
 * refuses. It fetches more than the page needs and keeps fetching until the page is full, every
 * feed has ended, or {@value #MAX_ROUNDS} rounds have passed (then the page may be short but has a
 * cursor).
 */
final class FeedReader {

  /** Rounds of fetching per page: bounds the work of a page whose candidates are mostly hidden. */
  static final int MAX_ROUNDS = 8;

  /** Most places fetched from one feed per round. */
  static final int MAX_FETCH = 200;

  /** Decides which of a round's candidates the reader may see. */
  interface Filter {
    /**
     * @param candidates existing, unexpired vents, newest first
     * @return those the reader may see, in the same order
     */
    List<Vent> admit(List<Vent> candidates);
  }

  private final VentRepository repository;

  FeedReader(VentRepository repository) {
    this.repository = repository;
  }

  VentPage read(List<Feed> feeds, FeedPosition after, int limit, long nowMs, Filter filter) {
    List<Vent> page = new ArrayList<>(limit);
    FeedPosition position = after;
    int fetch = Math.min(MAX_FETCH, limit * 2);
    for (int round = 0; round < MAX_ROUNDS; round++) {
      // Merge: each vent once (a big author's vent may also have been fanned out), newest first.
      TreeMap<FeedPosition, List<Feed>> merged = new TreeMap<>(FeedPosition.NEWEST_FIRST);
      FeedPosition boundary = null;
      List<List<FeedPosition>> read = repository.read(feeds, position, fetch);
      for (int i = 0; i < feeds.size(); i++) {
        Feed feed = feeds.get(i);
        List<FeedPosition> places = read.get(i);
        for (FeedPosition p : places) {
          merged.computeIfAbsent(p, k -> new ArrayList<>(1)).add(feed);
        }
        // A feed that filled its fetch may hold more beyond its last place: only places up to the
        // newest such last place are known to be complete in every feed.
        if (places.size() == fetch) {
          FeedPosition last = places.get(places.size() - 1);
          if (boundary == null || boundary.isAfter(last)) {
            boundary = last;
          }
        }
      }
      boolean ended = boundary == null;
      Map<FeedPosition, List<Feed>> safe = ended ? merged : merged.headMap(boundary, true);
      if (safe.isEmpty()) {
        return new VentPage(page, null);
      }
      List<Vent> candidates = candidates(safe, nowMs);
      Set<String> admitted = ids(filter.admit(candidates));
      Map<String, Vent> byId = new HashMap<>();
      candidates.forEach(v -> byId.put(v.id(), v));
      FeedPosition last = null;
      for (FeedPosition p : safe.keySet()) {
        last = p;
        if (admitted.contains(p.ventId())) {
          page.add(byId.get(p.ventId()));
          if (page.size() == limit) {
            boolean more = !ended || !p.equals(merged.lastKey());
            return new VentPage(page, more ? p : null);
          }
        }
      }
      if (ended) {
        return new VentPage(page, null);
      }
      position = last;
    }
    return new VentPage(page, position);
  }

  /** The vents of {@code places} that exist and have not expired; forgets the others. */
  private List<Vent> candidates(Map<FeedPosition, List<Feed>> places, long nowMs) {
    List<String> ids = new ArrayList<>(places.size());
    places.keySet().forEach(p -> ids.add(p.ventId()));
    Map<String, Vent> found = repository.load(ids);
    List<Vent> candidates = new ArrayList<>(places.size());
    Map<Feed, List<String>> gone = new LinkedHashMap<>();
    for (Map.Entry<FeedPosition, List<Feed>> e : places.entrySet()) {
      Vent vent = found.get(e.getKey().ventId());
      if (vent == null || vent.expiredAt(nowMs)) {
        for (Feed feed : e.getValue()) {
          gone.computeIfAbsent(feed, f -> new ArrayList<>()).add(e.getKey().ventId());
        }
      } else {
        candidates.add(vent);
      }
    }
    gone.forEach(repository::forget);
    return candidates;
  }

  private static Set<String> ids(List<Vent> vents) {
    Set<String> ids = new HashSet<>();
    vents.forEach(v -> ids.add(v.id()));
    return ids;
  }
}
