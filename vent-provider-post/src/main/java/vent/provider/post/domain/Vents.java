package vent.provider.post.domain;

import dev.vent.api.rules.VentIds;
import dev.vent.post.v1.ErrorReason;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.VentException;

/**
 * The use cases of PostService (the contract in {@code vent/post/v1/post.proto}): validation,
 * mention resolution, the visibility rule and page assembly here; storage in a {@link
 * VentRepository}, the follow graph through a {@link RelationDirectory}.
 *
 * <p>Every method validates all its input before touching storage, so a refused call changes
 * nothing. Errors are {@link VentException}s with reasons from {@code vent.post.v1.ErrorReason}.
 */
public final class Vents {

  private static final Logger LOG = LoggerFactory.getLogger(Vents.class);

  /** Attempts at a fresh id when a random one is taken (64 random bits: practically never). */
  private static final int ID_ATTEMPTS = 3;

  private final VentRepository repository;
  private final RelationDirectory relations;
  private final UserDirectory users;
  private final TimelineSettings settings;
  private final Clock clock;
  private final LongSupplier random;
  private final FeedReader reader;

  /**
   * @param clock source of creation times and of "now" for expiry; injectable for tests
   * @param random source of the random part of vent ids
   */
  public Vents(
      VentRepository repository,
      RelationDirectory relations,
      UserDirectory users,
      TimelineSettings settings,
      Clock clock,
      LongSupplier random) {
    this.repository = Objects.requireNonNull(repository);
    this.relations = Objects.requireNonNull(relations);
    this.users = Objects.requireNonNull(users);
    this.settings = Objects.requireNonNull(settings);
    this.clock = Objects.requireNonNull(clock);
    this.random = Objects.requireNonNull(random);
    this.reader = new FeedReader(repository);
  }

  /**
   * Posts a vent: validates it, resolves its mentions to the users who may see it, stores it (in
   * the author's list and own home timeline at once) and publishes VentPosted.
   *
   * @throws VentException INVALID_USER_ID, INVALID_TEXT, INVALID_AUDIENCE, INVALID_EXPIRY
   */
  public Vent create(String authorId, String rawText, Audience audience, int expiresInSeconds) {
    Ids.requireUser(authorId, "author_id");
    String text = VentText.normalize(rawText);
    if (audience == null) {
      throw PostErrors.invalid(
          ErrorReason.INVALID_AUDIENCE, "audience must be PUBLIC, FOLLOWERS or MUTUALS");
    }
    long now = clock.millis();
    long expiresAt = Expiry.expiresAt(now, expiresInSeconds);
    List<Mention> mentions = mentions(authorId, text, audience);
    for (int attempt = 1; ; attempt++) {
      Vent vent =
          new Vent(
              Ids.newVentId(authorId, random), authorId, text, audience, now, expiresAt, mentions);
      if (repository.create(vent, settings.capacity().getAsInt())) {
        LOG.info(
            "event=vent_posted ventId={} authorId={} audience={} expiresAtMs={} mentions={}",
            vent.id(),
            authorId,
            audience.wireName(),
            expiresAt,
            mentions.size());
        return vent;
      }
      if (attempt == ID_ATTEMPTS) {
        throw new IllegalStateException("no free vent id after " + ID_ATTEMPTS + " attempts");
      }
    }
  }

  /**
   * The mentioned users who exist, are not the author, and may see a vent of {@code audience} by
   * {@code authorId}, in order of first mention.
   */
  private List<Mention> mentions(String authorId, String text, Audience audience) {
    List<String> usernames = Mentions.usernames(text);
    Map<String, String> ids = usernames.isEmpty() ? Map.of() : users.idsOf(usernames);
    Map<String, String> byId = new LinkedHashMap<>();
    for (String username : usernames) {
      String id = ids.get(username);
      if (id != null && !id.equals(authorId)) {
        byId.putIfAbsent(id, username);
      }
    }
    if (byId.isEmpty()) {
      return List.of();
    }
    Map<String, Relationship> rels = relations.relationships(authorId, byId.keySet());
    List<Mention> mentions = new ArrayList<>(byId.size());
    byId.forEach(
        (id, username) -> {
          // From the author's side: "followed by" is the mentioned user following the author.
          Relationship r = rels.getOrDefault(id, Relationship.none(id));
          if (Visibility.admits(audience, r.followedBy(), r.following(), r.blockedEitherWay())) {
            mentions.add(new Mention(id, username));
          }
        });
    return mentions;
  }

  /**
   * @param viewerId the user asking, empty for an anonymous viewer
   * @throws VentException VENT_NOT_FOUND when it does not exist, expired, or is not visible to the
   *     viewer; INVALID_VENT_ID, INVALID_USER_ID
   */
  public Vent get(String ventId, String viewerId) {
    Ids.requireVent(ventId);
    Ids.requireViewer(viewerId, "viewer_id");
    Vent vent = repository.load(List.of(ventId)).get(ventId);
    if (vent == null || vent.expiredAt(clock.millis())) {
      throw PostErrors.ventNotFound();
    }
    Relationship r = Relationship.none(vent.authorId());
    if (!viewerId.isEmpty() && !viewerId.equals(vent.authorId())) {
      r =
          relations
              .relationships(viewerId, List.of(vent.authorId()))
              .getOrDefault(vent.authorId(), r);
    }
    if (!Visibility.admits(vent, viewerId, r)) {
      throw PostErrors.ventNotFound();
    }
    return vent;
  }

  /**
   * Deletes a vent of {@code authorId} and publishes VentDeleted.
   *
   * @throws VentException VENT_NOT_FOUND when there is no such vent of that author (never was,
   *     expired, deleted, another author's); INVALID_VENT_ID, INVALID_USER_ID
   */
  public void delete(String authorId, String ventId) {
    Ids.requireUser(authorId, "author_id");
    Ids.requireVent(ventId);
    if (!VentIds.authorOf(ventId).equals(authorId)
        || !repository.delete(authorId, ventId, clock.millis())) {
      throw PostErrors.ventNotFound();
    }
    LOG.info("event=vent_deleted ventId={} authorId={}", ventId, authorId);
  }

  /**
   * {@code authorId}'s vents that {@code viewerId} may see, newest first.
   *
   * @throws VentException INVALID_USER_ID, INVALID_LIMIT, INVALID_CURSOR
   */
  public VentPage listByAuthor(String authorId, String viewerId, int limit, String cursor) {
    Ids.requireUser(authorId, "author_id");
    Ids.requireViewer(viewerId, "viewer_id");
    int size = PageLimit.resolve(limit);
    FeedPosition after = FeedPosition.decodeCursor(cursor);
    Map<String, Relationship> known = new HashMap<>();
    return reader.read(
        List.of(Feed.author(authorId)),
        after,
        size,
        clock.millis(),
        candidates -> visible(viewerId, candidates, known, false));
  }

  /**
   * The home timeline of {@code userId}: their own vents and those of the users they follow and do
   * not mute, that they may see, newest first; the fanned-out timeline merged with the vents of the
   * big authors they follow.
   *
   * @throws VentException INVALID_USER_ID, INVALID_LIMIT, INVALID_CURSOR
   */
  public VentPage homeTimeline(String userId, int limit, String cursor) {
    Ids.requireUser(userId, "user_id");
    int size = PageLimit.resolve(limit);
    FeedPosition after = FeedPosition.decodeCursor(cursor);
    List<Feed> feeds = new ArrayList<>();
    feeds.add(Feed.home(userId));
    Map<String, Relationship> known = new HashMap<>();
    Set<String> big = new LinkedHashSet<>(repository.bigAuthors());
    big.remove(userId);
    if (!big.isEmpty()) {
      known.putAll(relations.relationships(userId, big));
      for (String author : big) {
        if (known.get(author).following()) {
          feeds.add(Feed.author(author));
        }
      }
    }
    return reader.read(
        feeds, after, size, clock.millis(), candidates -> visible(userId, candidates, known, true));
  }

  /**
   * The candidates {@code viewerId} may see; with {@code followeesOnly}, also only the viewer's own
   * vents and those of authors the viewer follows and does not mute. One GetRelationships call for
   * the authors not yet in {@code known}, which it then holds.
   */
  private List<Vent> visible(
      String viewerId,
      List<Vent> candidates,
      Map<String, Relationship> known,
      boolean followeesOnly) {
    if (!viewerId.isEmpty()) {
      Set<String> unknown = new LinkedHashSet<>();
      for (Vent v : candidates) {
        if (!v.authorId().equals(viewerId) && !known.containsKey(v.authorId())) {
          unknown.add(v.authorId());
        }
      }
      if (!unknown.isEmpty()) {
        known.putAll(relations.relationships(viewerId, unknown));
      }
    }
    List<Vent> out = new ArrayList<>(candidates.size());
    for (Vent v : candidates) {
      Relationship r = known.getOrDefault(v.authorId(), Relationship.none(v.authorId()));
      boolean own = v.authorId().equals(viewerId);
      if (followeesOnly && !own && (!r.following() || r.muting())) {
        continue;
      }
      if (Visibility.admits(v, viewerId, r)) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * Removes everything of a deleted user (their vents, lists, home timeline). Idempotent.
   *
   * @throws VentException INVALID_USER_ID
   */
  public void removeUser(String userId) {
    Ids.requireUser(userId, "user_id");
    long t0 = System.nanoTime();
    int vents = repository.removeUser(userId);
    LOG.info(
        "event=user_vents_removed userId={} vents={} tookMs={}",
        userId,
        vents,
        (System.nanoTime() - t0) / 1_000_000);
  }
}
