package vent.web.resources;

import dev.vent.post.v1.Audience;
import dev.vent.post.v1.Vent;
import dev.vent.user.v1.User;
import io.dropwizard.auth.Auth;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.concurrent.CompletableFuture;
import vent.common.error.VentException;
import vent.web.api.Audiences;
import vent.web.api.PostVentRequest;
import vent.web.api.UserJson;
import vent.web.api.VentJson;
import vent.web.auth.OptionalBearer;
import vent.web.auth.VentPrincipal;
import vent.web.errors.ProblemException;
import vent.web.http.ConditionalGet;
import vent.web.rpc.PostClient;
import vent.web.rpc.Rpc;
import vent.web.rpc.UserClient;

/**
 * {@code /vents}: post, read and delete vents. Posting and deleting need a bearer token; reading
 * does not: an anonymous caller sees public vents only, as anonymous callers see profiles.
 */
@Path("/vents")
@Produces(MediaType.APPLICATION_JSON)
public final class VentResource {

  /** Problem code of a lifetime outside {@link #MIN_EXPIRY_S}..{@link #MAX_EXPIRY_S}. */
  static final String INVALID_EXPIRY = "INVALID_EXPIRY";

  /** Shortest lifetime of an expiring vent, seconds (one hour). */
  static final long MIN_EXPIRY_S = 3_600;

  /** Longest lifetime of an expiring vent, seconds (30 days). */
  static final long MAX_EXPIRY_S = 2_592_000;

  /** The answer to a vent that is missing or that the caller may not see: one and the same. */
  private static final String VENT_NOT_FOUND = "VENT_NOT_FOUND";

  private final PostClient posts;
  private final UserClient users;
  private final OptionalBearer bearer;

  public VentResource(PostClient posts, UserClient users, OptionalBearer bearer) {
    this.posts = posts;
    this.users = users;
    this.bearer = bearer;
  }

  /**
   * POST /vents {@link PostVentRequest} -> 201 {@link VentJson}, Location /api/v1/vents/{id}; the
   * vent is in the author's own home timeline at once. Errors: 400 VALIDATION_FAILED (no body),
   * MALFORMED_JSON, INVALID_FIELD (unknown or mistyped field), INVALID_TEXT, INVALID_AUDIENCE,
   * INVALID_EXPIRY.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response post(
      @Auth VentPrincipal me,
      @Context UriInfo uri,
      @NotNull(message = Params.BODY_REQUIRED) PostVentRequest body) {
    Audience audience = Audiences.fromJson(body.audience());
    int expiresInSeconds = expiry(body.expiresInSeconds());
    // The author's profile is read while the vent is written.
    CompletableFuture<User> author = users.getAsync(me.userId());
    Vent vent =
        posts.create(
            me.userId(), body.text() == null ? "" : body.text(), audience, expiresInSeconds);
    // From the base URI: a path starting with "/" would be resolved against the host, without
    // the /api/v1 root path.
    return Response.created(
            uri.getBaseUriBuilder().path(VentResource.class).path(vent.getId()).build())
        .entity(VentJson.of(vent, UserJson.of(Rpc.await(author))))
        .build();
  }

  /**
   * GET /vents/{id} -> 200 {@link VentJson} if the caller may see it (anonymous: public vents
   * only), with a strong {@code ETag}, {@code Cache-Control: no-cache} ({@code private, no-cache}
   * when a token was sent) and {@code Vary: Authorization}; 304 without a body when {@code
   * If-None-Match} matches ({@link ConditionalGet}). Errors: 400 INVALID_VENT_ID; 401 TOKEN_INVALID
   * (a token was sent and is bad); 404 VENT_NOT_FOUND, the same whether the vent does not exist,
   * has expired, was deleted or is hidden from the caller.
   */
  @GET
  @Path("/{id}")
  public Response get(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("id") String id,
      @Context Request request) {
    String ventId = Params.ventId(id, "id");
    String viewer = bearer.caller(authorization).map(VentPrincipal::userId).orElse("");
    Vent vent = Rpc.await(posts.getAsync(ventId, viewer));
    User author;
    try {
      author = Rpc.await(users.getAsync(vent.getAuthorId()));
    } catch (VentException authorGone) {
      if (!"USER_NOT_FOUND".equals(authorGone.reason())) {
        throw authorGone;
      }
      // Deleted while this request ran: the vent goes with the account.
      throw VentException.notFound(VENT_NOT_FOUND, "no such vent");
    }
    return ConditionalGet.ok(
        request, VentJson.of(vent, UserJson.of(author)), authorization != null, true);
  }

  /**
   * DELETE /vents/{id} -> 204 for the author: the vent is gone from every read at once. Errors: 400
   * INVALID_VENT_ID; 404 VENT_NOT_FOUND for anyone else, and for a vent that is gone.
   */
  @DELETE
  @Path("/{id}")
  public Response delete(@Auth VentPrincipal me, @PathParam("id") String id) {
    posts.delete(me.userId(), Params.ventId(id, "id"));
    return Response.noContent().build();
  }

  /**
   * @return seconds, 0 for a vent that is kept
   * @throws ProblemException 400 INVALID_EXPIRY outside 3,600..2,592,000
   */
  static int expiry(Long seconds) {
    if (seconds == null) {
      return 0;
    }
    if (seconds < MIN_EXPIRY_S || seconds > MAX_EXPIRY_S) {
      throw ProblemException.badField(
          INVALID_EXPIRY,
          "expiresInSeconds",
          "must be from " + MIN_EXPIRY_S + " to " + MAX_EXPIRY_S + " seconds, or absent");
    }
    return seconds.intValue();
  }
}
