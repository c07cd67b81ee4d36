package vent.web.resources;

import dev.vent.auth.v1.RegisterResponse;
import dev.vent.relation.v1.ListFollowsResponse;
import dev.vent.user.v1.CreateUserRequest;
import dev.vent.user.v1.User;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.concurrent.CompletableFuture;
import vent.common.error.RequestChecks;
import vent.web.LiveSettings;
import vent.web.api.PageJson;
import vent.web.api.ProfileJson;
import vent.web.api.RegisterRequest;
import vent.web.api.RegisteredJson;
import vent.web.api.UserJson;
import vent.web.http.ConditionalGet;
import vent.web.rpc.AuthClient;
import vent.web.rpc.RelationClient;
import vent.web.rpc.Rpc;
import vent.web.rpc.UserClient;

/** {@code /users}: register, look up profiles, list followers and followees. */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
public final class UserResource {

  private final AuthClient auth;
  private final UserClient users;
  private final RelationClient relations;
  private final Profiles profiles;
  private final int defaultPageSize;

  /** Page size limit and feature switches, read on each request (global configuration). */
  private final LiveSettings live;

  /**
   * @param defaultPageSize page size when {@code limit} is absent
   * @param live the largest {@code limit} (largest accepted {@code limit}) and feature switches,
   *     read per request
   */
  public UserResource(
      AuthClient auth,
      UserClient users,
      RelationClient relations,
      int defaultPageSize,
      LiveSettings live) {
    this.auth = auth;
    this.users = users;
    this.relations = relations;
    this.profiles = new Profiles(users, relations);
    this.defaultPageSize = defaultPageSize;
    this.live = live;
  }

  /**
   * POST /users {@link RegisterRequest} -> 201 {@link RegisteredJson}, Location /api/v1/users/{id}.
   * Errors: 400 VALIDATION_FAILED, INVALID_USERNAME, INVALID_DISPLAY_NAME, INVALID_PASSWORD,
   * CAPTCHA_INVALID; 409 USERNAME_TAKEN; 503 DEPENDENCY_UNAVAILABLE, REGISTRATION_DISABLED
   * (switched off with {@code features.registration-enabled}).
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response register(
      @Context UriInfo uri, @NotNull(message = Params.BODY_REQUIRED) @Valid RegisterRequest body) {
    FeatureSwitches.require(
        live.registrationEnabled(), FeatureSwitches.REGISTRATION_DISABLED, "registration");
    // The profile the auth provider will create: the user service's rules, checked up front so
    // that a bad name does not spend the captcha.
    RequestChecks.require(
        CreateUserRequest.newBuilder()
            .setUsername(body.username())
            .setDisplayName(body.displayName())
            .build());
    RegisterResponse registered =
        auth.register(
            dev.vent.auth.v1.RegisterRequest.newBuilder()
                .setUsername(body.username())
                .setPassword(body.password())
                .setDisplayName(body.displayName())
                .setCaptchaId(body.captchaId())
                .setCaptchaAnswer(body.captchaAnswer())
                .build());
    // From the base URI: a path starting with "/" would be resolved against the host, without
    // the /api/v1 root path.
    return Response.created(
            uri.getBaseUriBuilder()
                .path(UserResource.class)
                .path(registered.getUser().getId())
                .build())
        .cacheControl(CaptchaResource.noStore())
        .entity(RegisteredJson.of(registered))
        .build();
  }

  /**
   * GET /users?username=NAME (case-insensitive) -> 200 {@link ProfileJson} with a strong {@code
   * ETag} and {@code Cache-Control: no-cache}; 304 without a body when {@code If-None-Match}
   * matches ({@link ConditionalGet}). Errors: 400 VALIDATION_FAILED (no username),
   * INVALID_USERNAME; 404 USER_NOT_FOUND.
   */
  @GET
  public Response byUsername(@QueryParam("username") String username, @Context Request request) {
    User user = users.byUsername(Params.required(username, "username"));
    return ConditionalGet.ok(request, profiles.withCounts(user), false, false);
  }

  /**
   * GET /users/{id} -> 200 {@link ProfileJson} with a strong {@code ETag} and {@code Cache-Control:
   * no-cache}; 304 without a body when {@code If-None-Match} matches ({@link ConditionalGet}).
   * Errors: 400 INVALID_USER_ID, 404 USER_NOT_FOUND.
   */
  @GET
  @Path("/{id}")
  public Response byId(@PathParam("id") String id, @Context Request request) {
    return ConditionalGet.ok(request, profiles.byId(Params.userId(id, "id")), false, false);
  }

  /**
   * GET /users/{id}/followers?limit=&cursor= -> 200 {@link PageJson} of {@link UserJson}, newest
   * follower first. Errors: 400 INVALID_USER_ID, INVALID_LIMIT (1..max), INVALID_CURSOR; 404
   * USER_NOT_FOUND.
   */
  @GET
  @Path("/{id}/followers")
  public PageJson<UserJson> followers(
      @PathParam("id") String id,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    String userId = Params.userId(id, "id");
    int size = Params.limit(limit, defaultPageSize, live.maxPageSize().getAsInt());
    return page(userId, relations.followersAsync(userId, size, Params.cursor(cursor)));
  }

  /** GET /users/{id}/following?limit=&cursor= -> as {@link #followers}, newest followee first. */
  @GET
  @Path("/{id}/following")
  public PageJson<UserJson> following(
      @PathParam("id") String id,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    String userId = Params.userId(id, "id");
    int size = Params.limit(limit, defaultPageSize, live.maxPageSize().getAsInt());
    return page(userId, relations.followingAsync(userId, size, Params.cursor(cursor)));
  }

  private PageJson<UserJson> page(String userId, CompletableFuture<ListFollowsResponse> listing) {
    // The existence check runs alongside the listing; a missing user wins over a bad cursor.
    Rpc.await(users.getAsync(userId));
    return profiles.page(Rpc.await(listing));
  }
}
