package vent.web.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import vent.web.errors.Problem;
import vent.web.errors.Problems;
import vent.web.limits.ClientIps;

/**
 * Every answer carries {@code X-Request-Id}; a problem body carries the same id as {@code traceId},
 * and so does the request's MDC ({@code trace_id=} in log lines). A caller's own id is kept only
 * from a trusted proxy.
 */
class RequestIdFilterTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String W3C = "[0-9a-f]{32}";
  private static final String PROXY = "10.0.0.5";
  private static final String CLIENT = "203.0.113.7";
  private static final String NGINX_ID = "0af7651916cd43dd8448eb211c80319c";

  /** What the chain saw and what was answered. */
  private record Exchange(Map<String, String> headers, int status, String mdc, String body) {}

  private static Exchange serve(RequestIdFilter filter, String remote, String requestId, int status)
      throws Exception {
    Map<String, String> requestHeaders = new HashMap<>();
    if (requestId != null) {
      requestHeaders.put("X-Request-Id", requestId);
    }
    HttpServletRequest request =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                RequestIdFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getHeader" -> requestHeaders.get((String) args[0]);
                      case "getRemoteAddr" -> remote;
                      case "getRequestURI" -> "/api/v1/users/abc";
                      default -> null;
                    });
    Map<String, String> answered = new HashMap<>();
    int[] answeredStatus = {200};
    HttpServletResponse response =
        (HttpServletResponse)
            Proxy.newProxyInstance(
                RequestIdFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> {
                  switch (method.getName()) {
                    case "setHeader" -> answered.put((String) args[0], (String) args[1]);
                    case "setStatus" -> answeredStatus[0] = (Integer) args[0];
                    default -> {}
                  }
                  return null;
                });
    AtomicReference<String> mdc = new AtomicReference<>();
    AtomicReference<String> body = new AtomicReference<>();
    FilterChain chain =
        (req, res) -> {
          mdc.set(MDC.get("trace_id"));
          ((HttpServletResponse) res).setStatus(status);
          if (status >= 400) {
            // What every mapper and Jetty's error handler build: Problems.of/forStatus.
            Problem problem = Problems.forStatus(status, "/api/v1/users/abc");
            try {
              body.set(JSON.writeValueAsString(problem));
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        };
    filter.doFilter(request, response, chain);
    assertThat(MDC.get("trace_id")).as("cleared after the request").isNull();
    assertThat(TraceIds.current()).as("cleared after the request").isNull();
    return new Exchange(answered, answeredStatus[0], mdc.get(), body.get());
  }

  private static RequestIdFilter withoutAgent(String trustedProxies) {
    return new RequestIdFilter(ClientIps.trusting(trustedProxies), () -> null);
  }

  @Test
  void aSuccessfulAnswerCarriesANewW3cIdAlsoInTheMdc() throws Exception {
    Exchange e = serve(withoutAgent(""), CLIENT, null, 200);
    String id = e.headers().get("X-Request-Id");
    assertThat(id).matches(W3C).isNotEqualTo("0".repeat(32));
    assertThat(e.mdc()).isEqualTo(id);
    Exchange next = serve(withoutAgent(""), CLIENT, null, 200);
    assertThat(next.headers().get("X-Request-Id")).as("one per request").isNotEqualTo(id);
  }

  @Test
  void anErrorAnswerCarriesTheIdInItsHeaderAndAsTraceIdInItsBody() throws Exception {
    Exchange e = serve(withoutAgent(""), CLIENT, null, 503);
    assertThat(e.status()).isEqualTo(503);
    String id = e.headers().get("X-Request-Id");
    assertThat(id).matches(W3C);
    JsonNode body = JSON.readTree(e.body());
    assertThat(body.path("traceId").asText()).isEqualTo(id);
    assertThat(body.path("code").asText()).isNotEmpty();
  }

  @Test
  void withTheAgentTheSpansTraceIdIsTheId() throws Exception {
    String span = "4bf92f3577b34da6a3ce929d0e0e4736";
    RequestIdFilter filter = new RequestIdFilter(ClientIps.trusting(""), () -> span);
    Exchange e = serve(filter, CLIENT, null, 500);
    assertThat(e.headers()).containsEntry("X-Request-Id", span);
    assertThat(e.mdc()).isEqualTo(span);
    assertThat(JSON.readTree(e.body()).path("traceId").asText()).isEqualTo(span);
  }

  @Test
  void anUntrustedCallersIdIsIgnored() throws Exception {
    // No trusted proxy at all, and a client that is not the trusted proxy.
    for (RequestIdFilter filter : new RequestIdFilter[] {withoutAgent(""), withoutAgent(PROXY)}) {
      Exchange e = serve(filter, CLIENT, NGINX_ID, 400);
      assertThat(e.headers().get("X-Request-Id")).matches(W3C).isNotEqualTo(NGINX_ID);
      assertThat(JSON.readTree(e.body()).path("traceId").asText()).isNotEqualTo(NGINX_ID);
      assertThat(e.mdc()).isNotEqualTo(NGINX_ID);
    }
  }

  @Test
  void aTrustedProxysIdIsKept() throws Exception {
    Exchange e = serve(withoutAgent(PROXY + "/32"), PROXY, NGINX_ID, 404);
    assertThat(e.headers()).containsEntry("X-Request-Id", NGINX_ID);
    assertThat(e.mdc()).isEqualTo(NGINX_ID);
    assertThat(JSON.readTree(e.body()).path("traceId").asText()).isEqualTo(NGINX_ID);
    Exchange uuid = serve(withoutAgent(PROXY), PROXY, "f47ac10b-58cc-4372-a567-0e02b2c3d479", 200);
    assertThat(uuid.headers())
        .containsEntry("X-Request-Id", "f47ac10b-58cc-4372-a567-0e02b2c3d479");
  }

  @Test
  void withTheAgentATrustedProxysIdIsEchoedAndTheTraceIdStaysTheSpans() throws Exception {
    String span = "4bf92f3577b34da6a3ce929d0e0e4736";
    RequestIdFilter filter = new RequestIdFilter(ClientIps.trusting(PROXY), () -> span);
    Exchange e = serve(filter, PROXY, NGINX_ID, 500);
    assertThat(e.headers()).containsEntry("X-Request-Id", NGINX_ID);
    assertThat(e.mdc()).as("the key of Zipkin's trace").isEqualTo(span);
    assertThat(JSON.readTree(e.body()).path("traceId").asText()).isEqualTo(span);
  }

  @Test
  void aMalformedIdFromATrustedProxyIsIgnored() throws Exception {
    for (String bad :
        new String[] {
          "", "a b", "x\r\nforged: 1", "-leading-dash", "<script>", "a".repeat(65), "ünïcode"
        }) {
      Exchange e = serve(withoutAgent(PROXY), PROXY, bad, 200);
      assertThat(e.headers().get("X-Request-Id")).as(bad).matches(W3C);
    }
  }

  @Test
  void outsideARequestAProblemHasNoTraceId() throws Exception {
    String json = JSON.writeValueAsString(Problems.forStatus(500, "/x"));
    assertThat(JSON.readTree(json).has("traceId")).isFalse();
  }

  @Test
  void generatedIdsAreW3cTraceIds() {
    for (int i = 0; i < 1000; i++) {
      assertThat(TraceIds.generate()).matches(W3C);
    }
    assertThat(TraceIds.fromCurrentSpan())
        .as("no agent in unit tests: the API is a no-op")
        .isNull();
  }
}
