package vent.provider.post.domain;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fan-out on write: puts a new vent into its author's followers' home timelines, or, for an author
 * with more followers than the threshold, records them as a big author whose vents are merged into
 * timelines when read. Removes a deleted vent from the followers' timelines again (reads skip it
 * anyway). Both are idempotent, so a redelivered event is harmless.
 */
public final class FanOut {

  private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

  private final VentRepository repository;
  private final RelationDirectory relations;
  private final TimelineSettings settings;

  public FanOut(VentRepository repository, RelationDirectory relations, TimelineSettings settings) {
    this.repository = Objects.requireNonNull(repository);
    this.relations = Objects.requireNonNull(relations);
    this.settings = Objects.requireNonNull(settings);
  }

  /**
   * A vent was posted.
   *
   * @return how many followers' timelines received it (0 for a big author)
   */
  public int posted(String authorId, String ventId, long createdAtMs) {
    Ids.requireUser(authorId, "author_id");
    Ids.requireVent(ventId);
    long followers = relations.followerCount(authorId);
    int threshold = settings.fanOutThreshold().getAsInt();
    if (followers > threshold) {
      repository.addBigAuthor(authorId);
      LOG.debug(
          "event=fan_out_skipped ventId={} authorId={} followers={} threshold={}",
          ventId,
          authorId,
          followers,
          threshold);
      return 0;
    }
    FeedPosition place = new FeedPosition(createdAtMs, ventId);
    int capacity = settings.capacity().getAsInt();
    int reached = 0;
    String cursor = "";
    do {
      RelationDirectory.FollowerPage page =
          relations.followers(authorId, cursor, settings.followersPage().getAsInt());
      if (!page.followerIds().isEmpty()) {
        repository.addToTimelines(page.followerIds(), place, capacity);
        reached += page.followerIds().size();
      }
      cursor = page.nextCursor();
    } while (!cursor.isEmpty());
    LOG.debug("event=fanned_out ventId={} authorId={} timelines={}", ventId, authorId, reached);
    return reached;
  }

  /**
   * A vent was deleted: removes it from the current followers' timelines.
   *
   * @return how many timelines were cleaned
   */
  public int deleted(String authorId, String ventId) {
    Ids.requireUser(authorId, "author_id");
    Ids.requireVent(ventId);
    int reached = 0;
    String cursor = "";
    do {
      RelationDirectory.FollowerPage page =
          relations.followers(authorId, cursor, settings.followersPage().getAsInt());
      if (!page.followerIds().isEmpty()) {
        repository.removeFromTimelines(page.followerIds(), ventId);
        reached += page.followerIds().size();
      }
      cursor = page.nextCursor();
    } while (!cursor.isEmpty());
    return reached;
  }
}
