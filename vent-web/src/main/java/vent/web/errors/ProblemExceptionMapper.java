package vent.web.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers vent-web's own refusals ({@link ProblemException}) with their status and code. */
@Provider
public final class ProblemExceptionMapper extends ProblemMapperSupport
    implements ExceptionMapper<ProblemException> {

  @Override
  public Response toResponse(ProblemException e) {
    return Problems.response(Problems.fromProblemException(e, instance()));
  }
}
