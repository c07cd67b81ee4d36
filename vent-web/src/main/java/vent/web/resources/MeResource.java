package vent.web.resources;

import dev.vent.relation.v1.FollowCounts;
import dev.vent.relation.v1.Suggestion;
import dev.vent.user.v1.User;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import vent.web.LiveSettings;
import vent.web.api.ChangePasswordRequest;
import vent.web.api.DeleteAccountRequest;
import vent.web.api.ProfileJson;
import vent.web.api.RelationshipJson;
import vent.web.api.SuggestionJson;
import vent.web.api.UpdateProfileRequest;
import vent.web.api.UserJson;
import vent.web.auth.VentPrincipal;
import vent.web.errors.ProblemException;
import vent.web.http.ConditionalGet;
import vent.web.rpc.AuthClient;
import vent.web.rpc.RelationClient;
import vent.web.rpc.Rpc;
import vent.web.rpc.UserClient;

/**
 * {@code /me}: the caller's own profile, password, account, follows, relationships and suggestions.
 * Every method needs a bearer token: 401 UNAUTHENTICATED without one, 401 TOKEN_INVALID for a bad
 * or expired one.
 */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
public final class MeResource {

  private final AuthClient auth;
  private final UserClient users;
  private final RelationClient relations;
  private final Profiles profiles;
  private final int defaultPageSize;

  /** Page size limit and feature switches, read on each request (global configuration). */
  private final LiveSettings live;

  /**
   * @param defaultPageSize suggestions when {@code limit} is absent
   * @param live the largest {@code limit} (largest {@code limit}, and most ids in one relationships
   *     call) and feature switches, read per request
   */
  public MeResource(
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
   * GET /me -> 200 {@link ProfileJson} with a strong {@code ETag} and {@code Cache-Control:
   * private, no-cache}; 304 without a body when {@code If-None-Match} matches ({@link
   * ConditionalGet}). Errors: 404 USER_NOT_FOUND (the account was deleted).
   */
  @GET
  public Response get(@Auth VentPrincipal me, @Context Request request) {
    return ConditionalGet.ok(request, profiles.byId(me.userId()), true, false);
  }

  /**
   * PATCH /me {@code {displayName?, bio?}} (at least one) -> 200 {@link ProfileJson}. Errors: 400
   * VALIDATION_FAILED (empty object, wrong sizes), INVALID_FIELD (unknown or mistyped field),
   * INVALID_DISPLAY_NAME, INVALID_BIO.
   */
  @PATCH
  @Consumes(MediaType.APPLICATION_JSON)
  public ProfileJson update(
      @Auth VentPrincipal me,
      @NotNull(message = Params.BODY_REQUIRED) @Valid UpdateProfileRequest body) {
    if (body.changesNothing()) {
      throw ProblemException.validation("body", "set displayName, bio or both");
    }
    CompletableFuture<FollowCounts> counts = relations.countsAsync(me.userId());
    User updated =
        users.update(
            me.userId(), Optional.ofNullable(body.displayName()), Optional.ofNullable(body.bio()));
    return ProfileJson.of(updated, Rpc.await(counts));
  }

  /**
   * PUT /me/password {@code {currentPassword, newPassword, captchaId?, captchaAnswer?}} -> 200
   * tokens of a new session; every other session of the user ends. Wrong current passwords count
   * with the user's failed logins; after 3 in 15 minutes a solved captcha is needed. Errors: 400
   * VALIDATION_FAILED, INVALID_PASSWORD, CAPTCHA_REQUIRED (no captcha sent; the password was not
   * checked), CAPTCHA_INVALID; 401 INVALID_CREDENTIALS (wrong current password).
   */
  @PUT
  @Path("/password")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response changePassword(
      @Auth VentPrincipal me,
      @NotNull(message = Params.BODY_REQUIRED) @Valid ChangePasswordRequest body) {
    return SessionResource.tokens(
        auth.changePassword(
            me.userId(),
            body.currentPassword(),
            body.newPassword(),
            body.captchaId(),
            body.captchaAnswer()));
  }

  /**
   * DELETE /me {@code {password, captchaId?, captchaAnswer?}} -> 204: the account is deleted;
   * within about 2 s its sessions, follow edges, blocks, mutes, notifications and vents (out of
   * every timeline too) are gone and its access tokens get 401 TOKEN_INVALID. Wrong passwords count
   * as for PUT /me/password. Errors: 400 VALIDATION_FAILED (no body, missing or blank password),
   * MALFORMED_JSON, INVALID_FIELD, CAPTCHA_REQUIRED, CAPTCHA_INVALID; 401 INVALID_CREDENTIALS
   * (wrong password; nothing changes); 503 DEPENDENCY_UNAVAILABLE (nothing was deleted).
   */
  @DELETE
  @Consumes(MediaType.APPLICATION_JSON)
  public Response deleteAccount(
      @Auth VentPrincipal me,
      @NotNull(message = Params.BODY_REQUIRED) @Valid DeleteAccountRequest body) {
    auth.deleteAccount(me.userId(), body.password(), body.captchaId(), body.captchaAnswer());
    return Response.noContent().build();
  }

  /**
   * PUT /me/following/{id} -> 204, idempotent. Errors: 400 INVALID_USER_ID, CANNOT_FOLLOW_SELF; 403
   * BLOCKED (either user blocks the other); 404 USER_NOT_FOUND.
   */
  @PUT
  @Path("/following/{id}")
  public Response follow(@Auth VentPrincipal me, @PathParam("id") String id) {
    String followee = Params.userId(id, "id");
    if (followee.equals(me.userId())) {
      throw ProblemException.badField("CANNOT_FOLLOW_SELF", "id", "you cannot follow yourself");
    }
    users.get(followee);
    relations.follow(me.userId(), followee);
    return Response.noContent().build();
  }

  /**
   * DELETE /me/following/{id} -> 204, idempotent (also when not following). Errors: 400
   * INVALID_USER_ID.
   */
  @DELETE
  @Path("/following/{id}")
  public Response unfollow(@Auth VentPrincipal me, @PathParam("id") String id) {
    relations.unfollow(me.userId(), Params.userId(id, "id"));
    return Response.noContent().build();
  }

  /**
   * GET /me/relationships?ids=a,b,c (1..max ids) -> 200 {@code [{id, following, followedBy,
   * blocking, muting}]} in the order of {@code ids}. Errors: 400 VALIDATION_FAILED (no ids),
   * INVALID_USER_ID, TOO_MANY_IDS.
   */
  @GET
  @Path("/relationships")
  public List<RelationshipJson> relationships(
      @Auth VentPrincipal me, @QueryParam("ids") String ids) {
    List<String> others = Params.userIds(ids, "ids", live.maxPageSize().getAsInt());
    return relations.relationships(me.userId(), others).stream().map(RelationshipJson::of).toList();
  }

  /**
   * GET /me/suggestions?limit= -> 200 {@code [{user, mutualCount}]}, most mutual followees first.
   * Errors: 400 INVALID_LIMIT; 503 SUGGESTIONS_DISABLED (switched off with {@code
   * features.suggestions-enabled}).
   */
  @GET
  @Path("/suggestions")
  public List<SuggestionJson> suggestions(
      @Auth VentPrincipal me, @QueryParam("limit") String limit) {
    FeatureSwitches.require(
        live.suggestionsEnabled(), FeatureSwitches.SUGGESTIONS_DISABLED, "suggestions");
    int size = Params.limit(limit, defaultPageSize, live.maxPageSize().getAsInt());
    List<Suggestion> suggestions = relations.suggestions(me.userId(), size);
    Map<String, UserJson> byId =
        profiles.byIds(suggestions.stream().map(Suggestion::getUserId).toList());
    List<SuggestionJson> out = new ArrayList<>(suggestions.size());
    for (Suggestion suggestion : suggestions) {
      UserJson user = byId.get(suggestion.getUserId());
      if (user != null) {
        out.add(new SuggestionJson(user, suggestion.getMutualCount()));
      }
    }
    return out;
  }
}
