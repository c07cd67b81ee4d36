package vent.web.resources;

import dev.vent.post.v1.VentPage;
import dev.vent.user.v1.User;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletableFuture;
import vent.web.LiveSettings;
import vent.web.api.PageJson;
import vent.web.api.UserJson;
import vent.web.api.VentJson;
import vent.web.auth.OptionalBearer;
import vent.web.auth.VentPrincipal;
import vent.web.rpc.PostClient;
import vent.web.rpc.Rpc;
import vent.web.rpc.UserClient;

/**
 * {@code /users/{id}/vents}: one author's vents as the caller may see them. No token needed: an
 * anonymous caller sees public vents only.
 */
@Path("/users/{id}/vents")
@Produces(MediaType.APPLICATION_JSON)
public final class UserVentsResource {

  private final PostClient posts;
  private final UserClient users;
  private final OptionalBearer bearer;
  private final int defaultPageSize;
  private final LiveSettings live;

  /**
   * @param defaultPageSize page size when {@code limit} is absent
   * @param live the largest accepted {@code limit} (global configuration, read on each request)
   */
  public UserVentsResource(
      PostClient posts,
      UserClient users,
      OptionalBearer bearer,
      int defaultPageSize,
      LiveSettings live) {
    this.posts = posts;
    this.users = users;
    this.bearer = bearer;
    this.defaultPageSize = defaultPageSize;
    this.live = live;
  }

  /**
   * GET /users/{id}/vents?limit=&cursor= -> 200 {@link PageJson} of {@link VentJson}, newest first,
   * the vents of user {@code id} the caller may see. Errors: 400 INVALID_USER_ID, INVALID_LIMIT
   * (1..max), INVALID_CURSOR; 401 TOKEN_INVALID (a token was sent and is bad); 404 USER_NOT_FOUND.
   */
  @GET
  public PageJson<VentJson> list(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("id") String id,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    String authorId = Params.userId(id, "id");
    int size = Params.limit(limit, defaultPageSize, live.maxPageSize().getAsInt());
    String after = Params.cursor(cursor);
    String viewer = bearer.caller(authorization).map(VentPrincipal::userId).orElse("");
    // The author is read alongside the listing; a missing user wins over a bad cursor.
    CompletableFuture<User> author = users.getAsync(authorId);
    CompletableFuture<VentPage> page = posts.userVentsAsync(authorId, viewer, size, after);
    UserJson profile = UserJson.of(Rpc.await(author));
    return VentItems.page(Rpc.await(page), profile);
  }
}
