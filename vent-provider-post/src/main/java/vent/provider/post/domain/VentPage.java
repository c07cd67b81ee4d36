package vent.provider.post.domain;

import java.util.List;

/**
 * One page of vents, newest first.
 *
 * @param nextCursor the place to continue after, or null when there are no more pages
 */
public record VentPage(List<Vent> vents, FeedPosition nextCursor) {

  public VentPage {
    vents = List.copyOf(vents);
  }
}
