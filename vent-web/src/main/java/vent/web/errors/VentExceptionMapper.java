package vent.web.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.VentException;

/**
 * Domain failures (a provider's reason, or vent-web's own) become problems whose {@code code} is
 * the reason, e.g. 409 USERNAME_TAKEN, 404 USER_NOT_FOUND; see {@link
 * Problems#status(VentException)}. A provider that cannot be reached, times out, or whose circuit
 * is open in vent-web (UNAVAILABLE, {@code "circuit open: <resource>"}) is 503
 * DEPENDENCY_UNAVAILABLE with {@code Retry-After: 1}, as is a provider that refused the call under
 * its own Sentinel rules.
 */
@Provider
public final class VentExceptionMapper extends ProblemMapperSupport
    implements ExceptionMapper<VentException> {

  private static final Logger LOG = LoggerFactory.getLogger(VentExceptionMapper.class);

  @Override
  public Response toResponse(VentException e) {
    Problem problem = Problems.fromVent(e, instance());
    if (problem.status() == 503) {
      if (e.detail() != null && e.detail().startsWith("circuit open")) {
        // Answered at once, possibly thousands a second: Sentinel's block log counts them per
        // second.
        LOG.debug(
            "event=dependency_unavailable path={} reason={} detail={}",
            problem.instance(),
            e.reason(),
            e.detail());
      } else {
        LOG.warn(
            "event=dependency_unavailable path={} reason={} detail={}",
            problem.instance(),
            e.reason(),
            e.detail());
      }
    }
    return Problems.response(problem);
  }
}
