package vent.web.it.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Judges each answer to a hostile request, thread-safely: never 5xx or no answer (except to a body
 * past the size limit, whose connection vent-web may close mid-upload), never stack trace text, and
 * every 4xx an {@code application/problem+json} body whose {@code status} matches and whose {@code
 * code} is one of the {@link #STABLE_CODES}. A request without a valid token on a route that needs
 * one ({@link FuzzRequest#credentialRefused()}) must get 401 UNAUTHENTICATED or TOKEN_INVALID, or
 * one of the refusals decided before authentication ({@link #BEFORE_AUTHENTICATION}); anything
 * else, a 2xx above all, is a failure. Keeps counts by status and code.
 */
public final class Verdicts {

  /**
   * Every code an error answer may carry: vent-web's own ({@code vent.web.errors.Problems}) and the
   * providers' reasons ({@code vent/*}{@code /v1/error_reason.proto}).
   */
  public static final Set<String> STABLE_CODES =
      Stream.of(
              // vent-web
              "VALIDATION_FAILED",
              "MALFORMED_JSON",
              "INVALID_FIELD",
              "UNAUTHENTICATED",
              "TOKEN_INVALID",
              "PAYLOAD_TOO_LARGE",
              "INVALID_USER_ID",
              "INVALID_LIMIT",
              "TOO_MANY_IDS",
              "INVALID_CURSOR",
              "CANNOT_FOLLOW_SELF",
              "CANNOT_BLOCK_SELF",
              "CANNOT_MUTE_SELF",
              "BLOCKED",
              "RATE_LIMITED",
              "BAD_REQUEST",
              "FORBIDDEN",
              "NOT_FOUND",
              "METHOD_NOT_ALLOWED",
              "NOT_ACCEPTABLE",
              "REQUEST_TIMEOUT",
              "CONFLICT",
              "LENGTH_REQUIRED",
              "URI_TOO_LONG",
              "UNSUPPORTED_MEDIA_TYPE",
              "HEADERS_TOO_LARGE",
              "CLIENT_ERROR",
              // providers
              "USER_NOT_FOUND",
              "USERNAME_TAKEN",
              "INVALID_USERNAME",
              "INVALID_DISPLAY_NAME",
              "INVALID_BIO",
              "INVALID_CREDENTIALS",
              "CAPTCHA_INVALID",
              "INVALID_PASSWORD",
              "REFRESH_TOKEN_INVALID",
              "CAPTCHA_REQUIRED",
              "MISSING_FIELD",
              "INVALID_VENT_ID",
              "VENT_NOT_FOUND",
              "INVALID_TEXT",
              "INVALID_AUDIENCE",
              "INVALID_EXPIRY")
          .collect(Collectors.toUnmodifiableSet());

  /**
   * Answers ("status code") that may come before a request's token is looked at, from what runs
   * ahead of Jersey's authentication filter: Jetty refusing the URI (400 BAD_REQUEST for an
   * ambiguous one such as an encoded slash, 414, and 431 for a request line and headers past its
   * buffer, which a long query alone can reach), the body-size filter (413), Jersey matching the
   * route (400 BAD_REQUEST for an unparsable Accept or Content-Type, 406, 415) and Sentinel's
   * limits (429). A resource's own answers (VALIDATION_FAILED, USER_NOT_FOUND, ...) are not here.
   */
  public static final Set<String> BEFORE_AUTHENTICATION =
      Set.of(
          "400 BAD_REQUEST",
          "406 NOT_ACCEPTABLE",
          "413 PAYLOAD_TOO_LARGE",
          "414 URI_TOO_LONG",
          "415 UNSUPPORTED_MEDIA_TYPE",
          "429 RATE_LIMITED",
          "431 HEADERS_TOO_LARGE");

  /** Text that only a leaked stack trace or exception message would put in a body. */
  private static final List<String> LEAKS =
      List.of(
          "\tat ",
          "at vent.",
          "at org.",
          "at java.",
          "Exception",
          "vent.web.",
          "org.eclipse",
          "org.glassfish",
          "com.fasterxml",
          "jakarta.",
          "Caused by");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_REPORTED = 40;

  private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> byCode = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private final LongAdder failureCount = new LongAdder();

  /** Records one answer and whatever is wrong with it. */
  public void judge(FuzzRequest request, Outcome outcome) {
    byStatus.computeIfAbsent(outcome.status(), s -> new LongAdder()).increment();
    byEndpoint.computeIfAbsent(request.endpoint(), s -> new LongAdder()).increment();
    String wrong = whatIsWrong(request, outcome);
    if (wrong != null) {
      failureCount.increment();
      synchronized (failures) {
        if (failures.size() < MAX_REPORTED) {
          failures.add(
              wrong
                  + "\n    request: "
                  + request.describe()
                  + "\n    answer: "
                  + outcome.status()
                  + " "
                  + outcome.contentType()
                  + " "
                  + abbreviate(outcome.body())
                  + (outcome.error() == null ? "" : " " + outcome.error()));
        }
      }
    }
  }

  /** Whether {@code outcome} would be recorded as wrong, without recording anything. */
  public boolean isWrong(FuzzRequest request, Outcome outcome) {
    return whatIsWrong(request, outcome) != null;
  }

  private String whatIsWrong(FuzzRequest request, Outcome o) {
    if (o.status() == 0) {
      // vent-web answers an oversized Content-Length with 413 at once and closes the connection,
      // so the client may fail writing the rest of the body before it reads the answer.
      boolean oversized = request.body() != null && request.body().length > Bodies.MAX_BODY_BYTES;
      return oversized ? null : "no answer";
    }
    if (o.status() >= 500) {
      return "status " + o.status();
    }
    for (String leak : LEAKS) {
      if (o.body().contains(leak)) {
        return "body contains '" + leak.replace("\t", "\\t") + "'";
      }
    }
    if (request.credentialRefused() && o.status() < 400) {
      return "status " + o.status() + " to a request without a valid token (401 expected)";
    }
    if (o.status() < 400) {
      return null;
    }
    if (!o.contentType().startsWith("application/problem+json")) {
      return "4xx with content type '" + o.contentType() + "'";
    }
    JsonNode problem;
    try {
      problem = JSON.readTree(o.body());
    } catch (Exception e) {
      return "4xx body is not JSON";
    }
    String code =
        problem == null || problem.get("code") == null ? "" : problem.get("code").asText();
    byCode.computeIfAbsent(o.status() + " " + code, c -> new LongAdder()).increment();
    if (code.isEmpty()) {
      return "4xx problem without a code";
    }
    if (!STABLE_CODES.contains(code)) {
      return "code " + code + " is not one of the documented codes";
    }
    if (problem.get("status") == null || problem.get("status").asInt() != o.status()) {
      return "problem status differs from the HTTP status";
    }
    if (request.credentialRefused()
        && !code.equals("UNAUTHENTICATED")
        && !code.equals("TOKEN_INVALID")
        && !BEFORE_AUTHENTICATION.contains(o.status() + " " + code)) {
      return o.status() + " " + code + " to a request without a valid token (401 expected)";
    }
    return null;
  }

  /** How many answers were wrong. */
  public long failureCount() {
    return failureCount.sum();
  }

  /** The first wrong answers, each with its request, for the assertion message. */
  public List<String> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  /** Answers by HTTP status, e.g. {@code {400=6120, 401=1500}}. */
  public Map<Integer, Long> byStatus() {
    return sorted(byStatus);
  }

  /** 4xx answers by "status code", e.g. {@code {400 INVALID_USER_ID=812}}. */
  public Map<String, Long> byCode() {
    return sorted(byCode);
  }

  /** Requests by targeted route. */
  public Map<String, Long> byEndpoint() {
    return sorted(byEndpoint);
  }

  private static <K> Map<K, Long> sorted(Map<K, LongAdder> counts) {
    Map<K, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() > 400 ? s.substring(0, 400) + "..." : s;
  }
}
