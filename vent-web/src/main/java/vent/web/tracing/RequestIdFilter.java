package vent.web.tracing;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import vent.web.limits.ClientIps;

/**
 * Gives every API request an id that the client, the logs and Zipkin share.
 *
 * <ul>
 *   <li><b>Trace id</b>: the agent's span's ({@link TraceIds#fromCurrentSpan()}) when tracing is
 *       on; otherwise the id a trusted caller sent; otherwise a new one ({@link
 *       TraceIds#generate()}). It is {@code traceId} in every problem body ({@link
 *       TraceIds#current()}) and {@code trace_id=} in every log line of the request ({@value
 *       #MDC_KEY} in the MDC).
 *   <li><b>{@value #HEADER} response header</b>: on every answer, success or error: the id a
 *       trusted caller sent, else the trace id.
 * </ul>
 *
 * <p>A caller's {@value #HEADER} is kept only when the connection comes from a trusted proxy
 * ({@code api.trustedProxies}, the same list that decides whose {@code X-Forwarded-For} is
 * believed; see {@link ClientIps}) and the value is a short safe token ({@value #TOKEN_REGEX}: a
 * 32-hex id, a UUID, nginx's {@code $request_id}). Anything else is ignored: a client must not be
 * able to write text of its choice into headers and log lines, or make two requests share an id.
 *
 * <p>Registered first in vent-web's servlet filter chain, so the header is set before anything can
 * commit the response.
 */
public final class RequestIdFilter implements Filter {

  /** The request and response header. */
  public static final String HEADER = "X-Request-Id";

  /** The MDC key of the trace id; the same key the agent's logback-mdc instrumentation uses. */
  public static final String MDC_KEY = "trace_id";

  static final String TOKEN_REGEX = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
  private static final Pattern TOKEN = Pattern.compile(TOKEN_REGEX);

  private final ClientIps clientIps;
  private final Supplier<String> spanTraceId;

  /**
   * @param clientIps decides whether the connection comes from a trusted proxy
   * @param spanTraceId the current span's trace id or null ({@link TraceIds#fromCurrentSpan()};
   *     tests pass their own)
   */
  public RequestIdFilter(ClientIps clientIps, Supplier<String> spanTraceId) {
    this.clientIps = clientIps;
    this.spanTraceId = spanTraceId;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http)
        || !(response instanceof HttpServletResponse httpResponse)) {
      chain.doFilter(request, response);
      return;
    }
    String callers = callersId(http);
    String traceId = spanTraceId.get();
    if (traceId == null) {
      traceId = callers != null ? callers : TraceIds.generate();
    }
    httpResponse.setHeader(HEADER, callers != null ? callers : traceId);
    TraceIds.set(traceId);
    MDC.put(MDC_KEY, traceId);
    try {
      chain.doFilter(request, response);
    } finally {
      // Jetty reuses its threads: nothing of this request may reach the next one.
      MDC.remove(MDC_KEY);
      TraceIds.set(null);
    }
  }

  /** The caller's {@value #HEADER} when it is from a trusted proxy and well-formed, else null. */
  String callersId(HttpServletRequest http) {
    String sent = http.getHeader(HEADER);
    if (sent == null || !TOKEN.matcher(sent).matches() || !clientIps.fromTrustedProxy(http)) {
      return null;
    }
    return sent;
  }
}
