package vent.web.limits;

import com.alibaba.csp.sentinel.slots.block.AbstractRule;
import com.alibaba.csp.sentinel.slots.block.BlockException;
import com.alibaba.csp.sentinel.slots.block.RuleConstant;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRule;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowException;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRule;
import com.alibaba.csp.sentinel.slots.system.SystemBlockException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import vent.web.errors.Problem;
import vent.web.errors.Problems;

/**
 * The answer to a request a Sentinel rule refused: 429 {@code application/problem+json}, code
 * {@value #RATE_LIMITED}, the detail naming the limit (route, per-IP, per-user, login, captcha,
 * password, system), and the headers of draft-ietf-httpapi-ratelimit-headers:
 *
 * <ul>
 *   <li>{@code Retry-After}: whole seconds, at least 1: 1 for QPS and concurrency limits (Sentinel
 *       counts QPS in 1 s windows); a parameter-flow QPS rule's {@code durationInSec};
 *   <li>{@code RateLimit-Limit}: the refusing rule's {@code count} (a parameter-flow rule's count
 *       for this very value when the rule lists it as an exception item); absent for system rules,
 *       whose thresholds are the whole server's, not this client's;
 *   <li>{@code RateLimit-Remaining: 0};
 *   <li>{@code RateLimit-Reset}: seconds until the window resets, as {@code Retry-After}.
 * </ul>
 *
 * <p>A degrade rule on a REST route (a circuit opened by that route's slow or failing answers) is
 * not the client's limit: 503 {@code DEPENDENCY_UNAVAILABLE}, {@code Retry-After} = the rule's
 * {@code timeWindow}, as for circuits on provider calls.
 */
public final class RateLimitResponses {

  /** The problem code of a refused request. */
  public static final String RATE_LIMITED = "RATE_LIMITED";

  private RateLimitResponses() {}

  /**
   * @param resource the resource being entered when {@code e} was thrown (route name or one of the
   *     per-client resources of {@link SentinelResources})
   * @param instance the request path, for the problem's {@code instance}
   */
  public static Response of(BlockException e, String resource, String instance) {
    AbstractRule rule = ruleOf(e);
    if (rule instanceof DegradeRule degrade) {
      long window = Math.max(1, degrade.getTimeWindow());
      Problem problem =
          Problems.of(
              503,
              "DEPENDENCY_UNAVAILABLE",
              "circuit open: " + resource + "; retry after " + window + " s",
              instance,
              List.of());
      return Response.status(503)
          .type(Problem.MEDIA_TYPE)
          .entity(problem)
          .header("Retry-After", window)
          .build();
    }
    long reset = 1;
    Long limit = null;
    if (rule instanceof FlowRule flow) {
      limit = (long) flow.getCount();
    } else if (rule instanceof ParamFlowRule param) {
      Integer itemCount =
          e instanceof ParamFlowException p
              ? param.retrieveExclusiveItemCount(p.getLimitParam())
              : null;
      limit = itemCount != null ? itemCount.longValue() : (long) param.getCount();
      if (param.getGrade() == RuleConstant.FLOW_GRADE_QPS) {
        reset = Math.max(1, param.getDurationInSec());
      }
    }
    String detail =
        "rate limit exceeded: " + describe(e, resource) + "; retry after " + reset + " s";
    Problem problem = Problems.of(429, RATE_LIMITED, detail, instance, List.of());
    Response.ResponseBuilder response =
        Response.status(429).type(Problem.MEDIA_TYPE).entity(problem).header("Retry-After", reset);
    if (limit != null) {
      response.header("RateLimit-Limit", Math.max(0, limit));
    }
    return response.header("RateLimit-Remaining", 0).header("RateLimit-Reset", reset).build();
  }

  /** Which limit refused the request, in words a client can act on. */
  static String describe(BlockException e, String resource) {
    if (e instanceof SystemBlockException system) {
      return "system limit (the server is at capacity: " + system.getLimitType() + ")";
    }
    return switch (resource) {
      case SentinelResources.CLIENT_IP -> "per-IP limit (too many requests from your address)";
      case SentinelResources.CLIENT_USER -> "per-user limit (too many requests from your account)";
      case SentinelResources.LOGIN_IP ->
          "login limit (too many log-in, registration or refresh attempts from your address)";
      case SentinelResources.CAPTCHA_IP ->
          "captcha limit (too many captchas requested from your address)";
      case SentinelResources.PASSWORD_USER ->
          "password limit (too many password checks for your account)";
      case SentinelResources.POST_USER -> "posting limit (too many vents from your account)";
      default -> "route limit (too many requests to " + resource + ")";
    };
  }

  private static AbstractRule ruleOf(BlockException e) {
    try {
      return e.getRule();
    } catch (RuntimeException noRule) {
      // ParamFlowException.getRule() casts a rule that may be absent.
      return null;
    }
  }
}
