package vent.bench.baseline;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure as a problem+json answer, with vent-web's codes: the baseline's own {@link
 * ProblemException}s, Jersey's refusals (404 NOT_FOUND, 405 METHOD_NOT_ALLOWED, ...), Redis
 * unreachable or too slow (503 DEPENDENCY_UNAVAILABLE, {@code Retry-After: 1}) and anything else
 * (500 INTERNAL, logged).
 */
@Provider
public final class ProblemMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(Throwable e) {
    String path = uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
    Problem problem;
    if (e instanceof ProblemException p) {
      problem = p.toProblem(path);
    } else if (e instanceof WebApplicationException w
        && w.getResponse() != null
        && w.getResponse().getStatus() < 500) {
      int status = w.getResponse().getStatus();
      problem = Problem.of(status, codeOf(status), detailOf(status), path, List.of());
    } else if (e instanceof RedisException) {
      LOG.warn("event=dependency_unavailable path={} error={}", path, e.toString());
      problem =
          Problem.of(
              503,
              "DEPENDENCY_UNAVAILABLE",
              "a service this request needs is unavailable; retry later",
              path,
              List.of());
    } else {
      LOG.error("event=request_failed path={}", path, e);
      problem =
          Problem.of(
              500, "INTERNAL", "an unexpected error occurred; it has been logged", path, List.of());
    }
    Response.ResponseBuilder response =
        Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    if (problem.status() == 503) {
      response.header("Retry-After", "1");
    }
    if (e instanceof WebApplicationException w && w.getResponse() != null) {
      // Keep what Jersey said besides the body, e.g. the Allow header of a 405.
      w.getResponse()
          .getHeaders()
          .forEach(
              (name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type")
                    && !name.equalsIgnoreCase("Content-Length")) {
                  values.forEach(value -> response.header(name, value));
                }
              });
    }
    return response.build();
  }

  private static String codeOf(int status) {
    return switch (status) {
      case 400 -> "BAD_REQUEST";
      case 404 -> "NOT_FOUND";
      case 405 -> "METHOD_NOT_ALLOWED";
      case 406 -> "NOT_ACCEPTABLE";
      case 415 -> "UNSUPPORTED_MEDIA_TYPE";
      default -> "CLIENT_ERROR";
    };
  }

  private static String detailOf(int status) {
    return switch (status) {
      case 404 -> "no such resource";
      case 405 -> "this method is not allowed on this resource (see the Allow header)";
      case 406 -> "no acceptable representation; this API answers application/json";
      case 415 -> "unsupported content type; send application/json";
      default -> "the request cannot be served";
    };
  }
}
