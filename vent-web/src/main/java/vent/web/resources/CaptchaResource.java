package vent.web.resources;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import vent.web.api.CaptchaJson;
import vent.web.rpc.CaptchaClient;

/** {@code /captchas}: image captchas to answer when registering. */
@Path("/captchas")
@Produces(MediaType.APPLICATION_JSON)
public final class CaptchaResource {

  private final CaptchaClient captchas;

  public CaptchaResource(CaptchaClient captchas) {
    this.captchas = captchas;
  }

  /**
   * POST /captchas (any or no body) -> 201 {@link CaptchaJson}. Errors: 503 DEPENDENCY_UNAVAILABLE.
   */
  @POST
  public Response create() {
    return Response.status(Response.Status.CREATED)
        .cacheControl(noStore())
        .entity(CaptchaJson.of(captchas.create()))
        .build();
  }

  static CacheControl noStore() {
    CacheControl cache = new CacheControl();
    cache.setNoStore(true);
    return cache;
  }
}
