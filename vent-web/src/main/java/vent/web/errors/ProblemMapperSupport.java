package vent.web.errors;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

/**
 * What every problem mapper needs: the path of the failed request, for the problem's {@code
 * instance}.
 */
abstract class ProblemMapperSupport {

  @Context private UriInfo uriInfo;

  /** The request path, e.g. {@code /api/v1/users/abc}; null outside a request (unit tests). */
  protected String instance() {
    try {
      return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
    } catch (RuntimeException outsideOfARequest) {
      return null;
    }
  }
}
