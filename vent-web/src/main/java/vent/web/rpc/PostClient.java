package vent.web.rpc;

import dev.vent.post.v1.Audience;
import dev.vent.post.v1.CreateVentRequest;
import dev.vent.post.v1.DeleteVentRequest;
import dev.vent.post.v1.GetHomeTimelineRequest;
import dev.vent.post.v1.GetVentRequest;
import dev.vent.post.v1.ListUserVentsRequest;
import dev.vent.post.v1.PostService;
import dev.vent.post.v1.Vent;
import dev.vent.post.v1.VentPage;
import java.util.concurrent.CompletableFuture;
import vent.common.error.RequestChecks;

/**
 * The post provider ({@code vent/post/v1/post.proto}: vents and home timelines) as vent-web uses
 * it. Every method throws {@link vent.common.error.VentException} with the provider's reason
 * (INVALID_USER_ID, INVALID_VENT_ID, INVALID_TEXT, INVALID_AUDIENCE, INVALID_EXPIRY, INVALID_LIMIT,
 * INVALID_CURSOR, VENT_NOT_FOUND) or UNAVAILABLE / DEPENDENCY_UNAVAILABLE.
 */
public final class PostClient {

  private final PostService posts;
  private final ReadRetry readRetry;

  /** Asynchronous reads are not retried. */
  public PostClient(PostService posts) {
    this(posts, ReadRetry.none());
  }

  /**
   * @param readRetry how asynchronous reads are retried when their provider instance fails
   */
  public PostClient(PostService posts, ReadRetry readRetry) {
    // Every request is checked against the IDL's field rules before it leaves.
    this.posts = RequestChecks.checking(PostService.class, posts);
    this.readRetry = readRetry;
  }

  /**
   * Posts a vent of {@code authorId}.
   *
   * @param expiresInSeconds lifetime, 3,600..2,592,000 s; 0 keeps the vent
   */
  public Vent create(String authorId, String text, Audience audience, int expiresInSeconds) {
    return Rpc.call(
        () ->
            posts.createVent(
                CreateVentRequest.newBuilder()
                    .setAuthorId(authorId)
                    .setText(text)
                    .setAudience(audience)
                    .setExpiresInSeconds(expiresInSeconds)
                    .build()));
  }

  /**
   * One vent as {@code viewerId} may see it, without waiting; the future fails with NOT_FOUND
   * VENT_NOT_FOUND when it is missing or hidden from the viewer.
   *
   * @param viewerId empty for an anonymous viewer (public vents only)
   */
  public CompletableFuture<Vent> getAsync(String ventId, String viewerId) {
    GetVentRequest request =
        GetVentRequest.newBuilder().setVentId(ventId).setViewerId(viewerId).build();
    return Rpc.asyncRead(readRetry, () -> posts.getVentAsync(request));
  }

  /**
   * Deletes a vent of {@code authorId}. Not idempotent from the caller's side: a second call
   * answers VENT_NOT_FOUND.
   */
  public void delete(String authorId, String ventId) {
    Rpc.call(
        () ->
            posts.deleteVent(
                DeleteVentRequest.newBuilder().setAuthorId(authorId).setVentId(ventId).build()));
  }

  /**
   * A page of {@code authorId}'s vents that {@code viewerId} may see, newest first, without
   * waiting.
   *
   * @param viewerId empty for an anonymous viewer
   * @param cursor empty for the first page
   */
  public CompletableFuture<VentPage> userVentsAsync(
      String authorId, String viewerId, int limit, String cursor) {
    ListUserVentsRequest request =
        ListUserVentsRequest.newBuilder()
            .setAuthorId(authorId)
            .setViewerId(viewerId)
            .setLimit(limit)
            .setCursor(cursor)
            .build();
    return Rpc.asyncRead(readRetry, () -> posts.listUserVentsAsync(request));
  }

  /**
   * A page of {@code userId}'s home timeline, newest first, without waiting.
   *
   * @param cursor empty for the first page
   */
  public CompletableFuture<VentPage> homeTimelineAsync(String userId, int limit, String cursor) {
    GetHomeTimelineRequest request =
        GetHomeTimelineRequest.newBuilder()
            .setUserId(userId)
            .setLimit(limit)
            .setCursor(cursor)
            .build();
    return Rpc.asyncRead(readRetry, () -> posts.getHomeTimelineAsync(request));
  }
}
