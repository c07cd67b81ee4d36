package vent.web.errors;

import com.alibaba.csp.sentinel.slots.block.BlockException;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.VentException;

/**
 * Everything else: first looks for a known failure wrapped by Jersey or Dubbo (body too large, a
 * domain failure, a Sentinel refusal of a provider call (503 DEPENDENCY_UNAVAILABLE), a JSON error)
 * and answers it as its own mapper would; otherwise logs the failure once, with its stack trace,
 * and answers 500 INTERNAL with a generic detail.
 */
@Provider
public final class FallbackExceptionMapper extends ProblemMapperSupport
    implements ExceptionMapper<Throwable> {

  private static final Logger LOG = LoggerFactory.getLogger(FallbackExceptionMapper.class);

  @Override
  public Response toResponse(Throwable e) {
    String instance = instance();
    if (Causes.find(e, PayloadTooLargeException.class) != null) {
      return Problems.response(Problems.forStatus(413, instance));
    }
    VentException vent = Causes.find(e, VentException.class);
    if (vent != null) {
      return Problems.response(Problems.fromVent(vent, instance));
    }
    if (BlockException.isBlockException(e)) {
      // A Sentinel rule on a provider call (consumer side) that was not turned into a
      // VentException on the way: the dependency is unavailable to this request. Possibly
      // thousands a second; Sentinel's block log counts them.
      LOG.debug("event=dependency_blocked path={} error={}", instance, e.toString());
      return Problems.response(
          Problems.of(
              503,
              Problems.DEPENDENCY_UNAVAILABLE,
              "a service this request needs is unavailable (circuit open or limited); retry later",
              instance,
              List.of()));
    }
    ProblemException problem = Causes.find(e, ProblemException.class);
    if (problem != null) {
      return Problems.response(Problems.fromProblemException(problem, instance));
    }
    JsonProcessingException json = Causes.find(e, JsonProcessingException.class);
    if (json != null) {
      return Problems.response(JsonExceptionMapper.problemFor(json, instance));
    }
    LOG.error("event=unexpected_failure path={}", instance, e);
    return Problems.response(Problems.forStatus(500, instance));
  }
}
