package vent.web.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import vent.web.tracing.RequestIdFilter;
import vent.web.tracing.TraceIds;

/**
 * Jetty's error pages as problems: requests Jersey never sees (a path outside {@code /api/v1}, a
 * URI Jetty cannot parse, a method the server refuses, headers too large) get the same {@code
 * application/problem+json} body as the API's own errors, whatever their Accept header, and never
 * an HTML page or a stack trace. Installed on the server and on the application context. Answers to
 * messages Jetty could not parse carry {@code Connection: close}, as Jetty then closes. Each
 * carries an {@code X-Request-Id} header and the same id as the body's {@code traceId}.
 */
public final class ProblemErrorHandler extends ErrorHandler {

  private final ObjectMapper json;

  public ProblemErrorHandler(ObjectMapper json) {
    this.json = json;
    setShowStacks(false);
    setShowCauses(false);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    Object cause = request.getAttribute(ERROR_EXCEPTION);
    if (cause instanceof HttpException http) {
      status = http.getCode();
      // A message Jetty could not parse (URI too long, a NUL in the path, ...): Jetty drops the
      // connection after this answer. Say so, or a keep-alive client sends its next request into
      // a closed socket (the fuzz test saw those fail with "no bytes received").
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    if (status < 400) {
      status = 500;
    }
    response.setStatus(status);
    generateCacheControl(response);
    String id = requestId(response);
    if (HttpStatus.hasNoBody(status) || "HEAD".equals(request.getMethod())) {
      callback.succeeded();
      return true;
    }
    Problem problem = Problems.forStatus(status, pathOf(request));
    if (problem.traceId() == null) {
      problem = problem.withTraceId(id);
    }
    byte[] body;
    try {
      body = json.writeValueAsBytes(problem);
    } catch (JsonProcessingException e) {
      callback.failed(e);
      return true;
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
    Problems.headers(problem).forEach((name, value) -> response.getHeaders().put(name, value));
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  /**
   * The answer's {@code X-Request-Id}: the one {@link RequestIdFilter} set, or, for a request Jetty
   * refused before any filter ran (a URI it cannot parse, headers too large), the agent's trace id
   * or a new one, set here, so that every answer carries one.
   */
  private static String requestId(Response response) {
    String id = response.getHeaders().get(RequestIdFilter.HEADER);
    if (id == null) {
      id = TraceIds.current() != null ? TraceIds.current() : TraceIds.fromCurrentSpan();
      id = id != null ? id : TraceIds.generate();
      response.getHeaders().put(RequestIdFilter.HEADER, id);
    }
    return id;
  }

  private static String pathOf(Request request) {
    try {
      String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
      // Jetty answers requests it could not parse on a stand-in request for "/badMessage".
      return "/badMessage".equals(path) ? null : path;
    } catch (RuntimeException unparsable) {
      return null;
    }
  }
}
