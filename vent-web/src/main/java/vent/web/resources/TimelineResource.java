package vent.web.resources;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import vent.web.LiveSettings;
import vent.web.api.PageJson;
import vent.web.api.VentJson;
import vent.web.auth.VentPrincipal;
import vent.web.rpc.PostClient;
import vent.web.rpc.RelationClient;
import vent.web.rpc.Rpc;
import vent.web.rpc.UserClient;

/**
 * {@code /me/timeline}: the caller's home timeline. Needs a bearer token: 401 UNAUTHENTICATED
 * without one, 401 TOKEN_INVALID for a bad or expired one.
 */
@Path("/me/timeline")
@Produces(MediaType.APPLICATION_JSON)
public final class TimelineResource {

  private final PostClient posts;
  private final VentItems items;
  private final int defaultPageSize;
  private final LiveSettings live;

  /**
   * @param defaultPageSize page size when {@code limit} is absent
   * @param live the largest accepted {@code limit} (global configuration, read on each request)
   */
  public TimelineResource(
      PostClient posts,
      UserClient users,
      RelationClient relations,
      int defaultPageSize,
      LiveSettings live) {
    this.posts = posts;
    this.items = new VentItems(new Profiles(users, relations));
    this.defaultPageSize = defaultPageSize;
    this.live = live;
  }

  /**
   * GET /me/timeline?limit=&cursor= -> 200 {@link PageJson} of {@link VentJson}, newest first: the
   * caller's own vents and those of the users they follow that they may see, authors hydrated with
   * one BatchGetUsers call. Errors: 400 INVALID_LIMIT (1..max), INVALID_CURSOR.
   */
  @GET
  public PageJson<VentJson> timeline(
      @Auth VentPrincipal me,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    int size = Params.limit(limit, defaultPageSize, live.maxPageSize().getAsInt());
    return items.page(Rpc.await(posts.homeTimelineAsync(me.userId(), size, Params.cursor(cursor))));
  }
}
