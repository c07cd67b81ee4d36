package vent.web.resources;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import vent.web.LiveSettings;
import vent.web.api.PageJson;
import vent.web.api.UserJson;
import vent.web.auth.VentPrincipal;
import vent.web.errors.ProblemException;
import vent.web.rpc.RelationClient;
import vent.web.rpc.Rpc;
import vent.web.rpc.UserClient;

/**
 * {@code /me/mutes}: the users the caller mutes. A mute hides that user's vents and notifications
 * from the caller and keeps the follows. Every method needs a bearer token: 401 UNAUTHENTICATED
 * without one, 401 TOKEN_INVALID for a bad or expired one.
 */
@Path("/me/mutes")
@Produces(MediaType.APPLICATION_JSON)
public final class MutesResource {

  private final UserClient users;
  private final RelationClient relations;
  private final Profiles profiles;
  private final int defaultPageSize;
  private final LiveSettings live;

  /**
   * @param defaultPageSize page size when {@code limit} is absent
   * @param live the largest accepted {@code limit} (global configuration, read on each request)
   */
  public MutesResource(
      UserClient users, RelationClient relations, int defaultPageSize, LiveSettings live) {
    this.users = users;
    this.relations = relations;
    this.profiles = new Profiles(users, relations);
    this.defaultPageSize = defaultPageSize;
    this.live = live;
  }

  /**
   * PUT /me/mutes/{id} -> 204, idempotent. Errors: 400 INVALID_USER_ID, CANNOT_MUTE_SELF; 404
   * USER_NOT_FOUND.
   */
  @PUT
  @Path("/{id}")
  public Response mute(@Auth VentPrincipal me, @PathParam("id") String id) {
    String other = Params.userId(id, "id");
    if (other.equals(me.userId())) {
      throw ProblemException.badField("CANNOT_MUTE_SELF", "id", "you cannot mute yourself");
    }
    users.get(other);
    relations.mute(me.userId(), other);
    return Response.noContent().build();
  }

  /**
   * DELETE /me/mutes/{id} -> 204, idempotent (also when not muting). Errors: 400 INVALID_USER_ID.
   */
  @DELETE
  @Path("/{id}")
  public Response unmute(@Auth VentPrincipal me, @PathParam("id") String id) {
    relations.unmute(me.userId(), Params.userId(id, "id"));
    return Response.noContent().build();
  }

  /**
   * GET /me/mutes?limit=&cursor= -> 200 {@link PageJson} of {@link UserJson}, most recently muted
   * first. Errors: 400 INVALID_LIMIT (1..max), INVALID_CURSOR.
   */
  @GET
  public PageJson<UserJson> list(
      @Auth VentPrincipal me,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    int size = Params.limit(limit, defaultPageSize, live.maxPageSize().getAsInt());
    return profiles.page(Rpc.await(relations.mutesAsync(me.userId(), size, Params.cursor(cursor))));
  }
}
