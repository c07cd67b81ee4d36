package vent.web.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jersey's own refusals keep their status and get a problem body: 404 NOT_FOUND (no such route),
 * 405 METHOD_NOT_ALLOWED (with Jersey's {@code Allow} header), 406 NOT_ACCEPTABLE, 415
 * UNSUPPORTED_MEDIA_TYPE, 400 BAD_REQUEST; an empty body where one is required is 400
 * VALIDATION_FAILED on field {@code body}. See {@link Problems#forStatus}.
 */
@Provider
public final class WebApplicationExceptionMapper extends ProblemMapperSupport
    implements ExceptionMapper<WebApplicationException> {

  private static final Logger LOG = LoggerFactory.getLogger(WebApplicationExceptionMapper.class);

  @Override
  public Response toResponse(WebApplicationException e) {
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    if (Causes.find(e, PayloadTooLargeException.class) != null) {
      return Problems.response(Problems.forStatus(413, instance()));
    }
    Problem problem;
    if (status == 400 && Causes.find(e, NoContentException.class) != null) {
      problem =
          Problems.of(
              400,
              Problems.VALIDATION_FAILED,
              "body: a JSON body is required",
              instance(),
              List.of(new Problem.FieldError("body", "a JSON body is required")));
    } else {
      problem = Problems.forStatus(status, instance());
    }
    if (status >= 500) {
      LOG.error("event=request_failed path={} status={}", instance(), status, e);
    }
    Response problemResponse = Problems.response(problem);
    if (e.getResponse() == null) {
      return problemResponse;
    }
    // Keep what Jersey said besides the body, e.g. the Allow header of a 405.
    Response.ResponseBuilder merged = Response.fromResponse(problemResponse);
    for (Map.Entry<String, List<Object>> header : e.getResponse().getHeaders().entrySet()) {
      if (!header.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)
          && !header.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
        header.getValue().forEach(value -> merged.header(header.getKey(), value));
      }
    }
    return merged.build();
  }
}
