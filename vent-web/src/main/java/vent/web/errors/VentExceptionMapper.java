package vent.web.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

/**
 * Domain failures (a provider's reason, or vent-web's own) become problems whose {@code code} is
 * the reason, e.g. 409 USERNAME_TAKEN, 404 USER_NOT_FOUND, 503 DEPENDENCY_UNAVAILABLE; see
 * {@link Problems#status(ErrorKind)}.
 */
@Provider
public final class VentExceptionMapper extends ProblemMapperSupport implements ExceptionMapper<VentException> {

  private static final Logger LOG = LoggerFactory.getLogger(VentExceptionMapper.class);

  @Override
  public Response toResponse(VentException e) {
    Problem problem = Problems.fromVent(e, instance());
    if (e.kind() == ErrorKind.UNAVAILABLE) {
      LOG.warn("event=dependency_unavailable path={} reason={} detail={}", problem.instance(), e.reason(), e.detail());
    }
    return Problems.response(problem);
  }
}
