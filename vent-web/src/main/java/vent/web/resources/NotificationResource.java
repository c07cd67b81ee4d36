package vent.web.resources;

import dev.vent.notification.v1.ListNotificationsResponse;
import dev.vent.notification.v1.Notification;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vent.web.LiveSettings;
import vent.web.api.NotificationJson;
import vent.web.api.NotificationPageJson;
import vent.web.api.UserJson;
import vent.web.auth.VentPrincipal;
import vent.web.rpc.NotificationClient;
import vent.web.rpc.RelationClient;
import vent.web.rpc.Rpc;
import vent.web.rpc.UserClient;

/**
 * {@code /me/notifications}: the caller's inbox ("X followed you", "X mentioned you"), filled
 * asynchronously from follow and vent events; entries of users the caller blocks, is blocked by or
 * mutes are left out. Every method needs a bearer token: 401 UNAUTHENTICATED without one, 401
 * TOKEN_INVALID for a bad or expired one.
 */
@Path("/me/notifications")
@Produces(MediaType.APPLICATION_JSON)
public final class NotificationResource {

  private final NotificationClient notifications;
  private final Profiles profiles;
  private final int defaultPageSize;
  private final LiveSettings live;

  /**
   * @param defaultPageSize page size when {@code limit} is absent
   * @param live the largest accepted {@code limit} (global configuration, read on each request)
   */
  public NotificationResource(
      NotificationClient notifications,
      UserClient users,
      RelationClient relations,
      int defaultPageSize,
      LiveSettings live) {
    this.notifications = notifications;
    this.profiles = new Profiles(users, relations);
    this.defaultPageSize = defaultPageSize;
    this.live = live;
  }

  /**
   * GET /me/notifications?limit=&cursor= -> 200 {@link NotificationPageJson}, newest first, actors
   * hydrated with one BatchGetUsers call (entries whose actor no longer exists are left out).
   * Errors: 400 INVALID_LIMIT (1..max), INVALID_CURSOR.
   */
  @GET
  public NotificationPageJson list(
      @Auth VentPrincipal me,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    int size = Params.limit(limit, defaultPageSize, live.maxPageSize().getAsInt());
    ListNotificationsResponse page =
        Rpc.await(notifications.listAsync(me.userId(), size, Params.cursor(cursor)));
    Map<String, UserJson> actors =
        profiles.byIds(
            page.getNotificationsList().stream().map(Notification::getActorId).distinct().toList());
    List<NotificationJson> items = new ArrayList<>(page.getNotificationsCount());
    for (Notification notification : page.getNotificationsList()) {
      UserJson actor = actors.get(notification.getActorId());
      String type = typeOf(notification.getKind());
      if (actor != null && type != null) {
        items.add(
            new NotificationJson(
                type,
                actor,
                Instant.ofEpochMilli(notification.getAtMs()).toString(),
                notification.getRead(),
                notification.getVentId().isEmpty() ? null : notification.getVentId()));
      }
    }
    String next = page.getNextCursor().isEmpty() ? null : page.getNextCursor();
    return new NotificationPageJson(items, next, page.getUnreadCount());
  }

  /**
   * POST /me/notifications/read (any or no body) -> 204; every entry so far is read. Idempotent.
   */
  @POST
  @Path("/read")
  public Response markRead(@Auth VentPrincipal me) {
    notifications.markRead(me.userId());
    return Response.noContent().build();
  }

  /** The REST type of a kind; null for kinds this version does not know (newer providers). */
  private static String typeOf(Notification.Kind kind) {
    return switch (kind) {
      case FOLLOWED -> NotificationJson.FOLLOWED;
      case MENTIONED -> NotificationJson.MENTIONED;
      default -> null;
    };
  }
}
