package vent.web.resources;

import dev.vent.auth.v1.TokenPair;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import vent.web.api.LoginRequest;
import vent.web.api.RefreshRequest;
import vent.web.api.TokensJson;
import vent.web.auth.VentPrincipal;
import vent.web.limits.ClientIps;
import vent.web.rpc.AuthClient;

/** {@code /sessions}: log in, refresh tokens, log out. */
@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {

  private final AuthClient auth;
  private final ClientIps clientIps;

  /**
   * @param clientIps the client's address as the per-IP limits see it, passed on to the auth
   *     provider
   */
  public SessionResource(AuthClient auth, ClientIps clientIps) {
    this.auth = auth;
    this.clientIps = clientIps;
  }

  /**
   * POST /sessions {@link LoginRequest} -> 200 {@link TokensJson}. Errors: 400 VALIDATION_FAILED,
   * 400 CAPTCHA_REQUIRED / CAPTCHA_INVALID, 401 INVALID_CREDENTIALS (also for unknown usernames).
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response login(
      @NotNull(message = Params.BODY_REQUIRED) @Valid LoginRequest body,
      @Context HttpServletRequest http,
      @Context HttpHeaders headers) {
    dev.vent.auth.v1.LoginRequest.Builder request =
        dev.vent.auth.v1.LoginRequest.newBuilder()
            .setUsername(body.username())
            .setPassword(body.password())
            .setClientIp(clientIps.of(headers::getHeaderString, http));
    if (body.captchaId() != null) {
      request.setCaptchaId(body.captchaId());
    }
    if (body.captchaAnswer() != null) {
      request.setCaptchaAnswer(body.captchaAnswer());
    }
    return tokens(auth.login(request.build()));
  }

  /**
   * POST /sessions/refresh {@code {refreshToken}} -> 200 {@link TokensJson} (a new refresh token;
   * the old one is spent). Errors: 400 VALIDATION_FAILED, 401 REFRESH_TOKEN_INVALID.
   */
  @POST
  @Path("/refresh")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response refresh(@NotNull(message = Params.BODY_REQUIRED) @Valid RefreshRequest body) {
    return tokens(auth.refresh(body.refreshToken()));
  }

  /**
   * DELETE /sessions (bearer) -> 204; ends the token's session. Errors: 401 UNAUTHENTICATED /
   * TOKEN_INVALID.
   */
  @DELETE
  public Response logout(@Auth VentPrincipal me) {
    auth.logout(me.sessionId(), me.userId());
    return Response.noContent().build();
  }

  static Response tokens(TokenPair tokens) {
    return Response.ok(TokensJson.of(tokens)).cacheControl(CaptchaResource.noStore()).build();
  }
}
