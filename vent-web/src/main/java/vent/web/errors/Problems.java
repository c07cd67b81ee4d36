package vent.web.errors;

import dev.vent.api.rules.ErrorReasons;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;
import vent.web.tracing.TraceIds;

/**
 * Builds {@link Problem} bodies: the one place that decides status codes, codes, titles, types and
 * the headers that go with them, for Jersey mappers and Jetty's error pages alike.
 */
public final class Problems {

  /** Bean Validation or an explicit check refused a field or parameter (errors[] says which). */
  public static final String VALIDATION_FAILED = "VALIDATION_FAILED";

  /** The body is not JSON at all. */
  public static final String MALFORMED_JSON = "MALFORMED_JSON";

  /** A JSON field has the wrong type, or is not a field of this request (errors[] says which). */
  public static final String INVALID_FIELD = "INVALID_FIELD";

  /** No bearer token was sent. */
  public static final String UNAUTHENTICATED = "UNAUTHENTICATED";

  /** The bearer token is malformed, forged, expired or signed by an unknown key. */
  public static final String TOKEN_INVALID = "TOKEN_INVALID";

  /** The body is larger than {@code api.maxBodyBytes}. */
  public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";

  /** An id in the path or query is not a user id (a decimal number). */
  public static final String INVALID_USER_ID = "INVALID_USER_ID";

  /** An id in the path is not a vent id. */
  public static final String INVALID_VENT_ID = "INVALID_VENT_ID";

  /** {@code limit} is not an integer within 1..max. */
  public static final String INVALID_LIMIT = "INVALID_LIMIT";

  /** More ids than one request accepts. */
  public static final String TOO_MANY_IDS = "TOO_MANY_IDS";

  /** A failure vent-web did not expect; details are in its log only. */
  public static final String INTERNAL = "INTERNAL";

  /** A dependency (provider, Redis, the token keys) cannot serve this request now. */
  public static final String DEPENDENCY_UNAVAILABLE = "DEPENDENCY_UNAVAILABLE";

  /** A provider's own Sentinel rules refused vent-web's call (common reason RATE_LIMITED). */
  static final String PROVIDER_RATE_LIMITED = "RATE_LIMITED";

  private Problems() {}

  /**
   * The HTTP status of a failure whose reason the IDL does not declare (vent-web's own, such as
   * REGISTRATION_DISABLED), by its kind: INVALID_ARGUMENT 400, FAILED_PRECONDITION 400,
   * UNAUTHENTICATED 401, PERMISSION_DENIED 403, NOT_FOUND 404, ALREADY_EXISTS 409,
   * RESOURCE_EXHAUSTED 429, UNAVAILABLE 503.
   */
  public static int status(ErrorKind kind) {
    return switch (kind) {
      case INVALID_ARGUMENT, FAILED_PRECONDITION -> 400;
      case UNAUTHENTICATED -> 401;
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS -> 409;
      case RESOURCE_EXHAUSTED -> 429;
      case UNAVAILABLE -> 503;
    };
  }

  /**
   * A problem; {@code errors} may be empty (then omitted from the JSON). It carries the trace id of
   * the request this thread serves ({@link TraceIds#current()}), if any.
   */
  public static Problem of(
      int status, String code, String detail, String instance, List<Problem.FieldError> errors) {
    return new Problem(
        typeOf(code),
        title(status),
        status,
        detail,
        code,
        instance,
        errors == null || errors.isEmpty() ? null : List.copyOf(errors),
        TraceIds.current());
  }

  /**
   * The status of a domain failure: the {@code (vent.common.v1.http_status)} option of its reason
   * in the IDL (e.g. 409 for USERNAME_TAKEN), or {@link #status(ErrorKind)} for a reason the IDL
   * does not declare.
   */
  public static int status(VentException e) {
    return ErrorReasons.httpStatus(e.reason()).orElseGet(() -> status(e.kind()));
  }

  /**
   * The problem for a provider's (or vent-web's own) domain failure: code = its reason, status by
   * {@link #status(VentException)}. A 400 whose reason is about one request field ({@code
   * (vent.common.v1.reason_field)}, e.g. INVALID_DISPLAY_NAME) names that field in {@code errors[]}
   * by its JSON name ({@code displayName}), so clients can show the message next to the right
   * input. A provider that refused the call under its own Sentinel rules (RESOURCE_EXHAUSTED
   * RATE_LIMITED) is a dependency unavailable to the client, not the client's limit: 503
   * DEPENDENCY_UNAVAILABLE.
   */
  public static Problem fromVent(VentException e, String instance) {
    if (e.kind() == ErrorKind.RESOURCE_EXHAUSTED && PROVIDER_RATE_LIMITED.equals(e.reason())) {
      return of(
          503,
          DEPENDENCY_UNAVAILABLE,
          "a service this request needs is refusing calls (limited: "
              + (e.detail() == null || e.detail().isBlank() ? "unknown" : e.detail())
              + "); retry later",
          instance,
          List.of());
    }
    int status = status(e);
    String detail = e.detail() == null || e.detail().isBlank() ? defaultDetail(status) : e.detail();
    List<Problem.FieldError> errors =
        status == 400
            ? ErrorReasons.field(e.reason())
                .map(field -> List.of(new Problem.FieldError(jsonName(field), detail)))
                .orElse(List.of())
            : List.of();
    return of(status, e.reason(), detail, instance, errors);
  }

  /** The problem for a {@link ProblemException}. */
  public static Problem fromProblemException(ProblemException e, String instance) {
    return of(e.status(), e.code(), e.detail(), instance, e.errors());
  }

  /**
   * A problem for a bare HTTP status (Jersey's 404/405/415..., Jetty's error pages). Codes: 400
   * BAD_REQUEST, 401 UNAUTHENTICATED, 403 FORBIDDEN, 404 NOT_FOUND, 405 METHOD_NOT_ALLOWED, 406
   * NOT_ACCEPTABLE, 408 REQUEST_TIMEOUT, 409 CONFLICT, 411 LENGTH_REQUIRED, 413 PAYLOAD_TOO_LARGE,
   * 414 URI_TOO_LONG, 415 UNSUPPORTED_MEDIA_TYPE, 429 RATE_LIMITED, 431 HEADERS_TOO_LARGE, 503
   * SERVICE_UNAVAILABLE, other 4xx CLIENT_ERROR, other 5xx INTERNAL.
   */
  public static Problem forStatus(int status, String instance) {
    return of(status, codeForStatus(status), defaultDetail(status), instance, List.of());
  }

  static String codeForStatus(int status) {
    return switch (status) {
      case 400 -> "BAD_REQUEST";
      case 401 -> UNAUTHENTICATED;
      case 403 -> "FORBIDDEN";
      case 404 -> "NOT_FOUND";
      case 405 -> "METHOD_NOT_ALLOWED";
      case 406 -> "NOT_ACCEPTABLE";
      case 408 -> "REQUEST_TIMEOUT";
      case 409 -> "CONFLICT";
      case 411 -> "LENGTH_REQUIRED";
      case 413 -> PAYLOAD_TOO_LARGE;
      case 414 -> "URI_TOO_LONG";
      case 415 -> "UNSUPPORTED_MEDIA_TYPE";
      case 429 -> "RATE_LIMITED";
      case 431 -> "HEADERS_TOO_LARGE";
      case 503 -> "SERVICE_UNAVAILABLE";
      default -> status >= 500 ? INTERNAL : "CLIENT_ERROR";
    };
  }

  static String defaultDetail(int status) {
    return switch (status) {
      case 400 -> "the request is not valid";
      case 401 -> "a bearer access token is required";
      case 403 -> "this is not allowed";
      case 404 -> "no such resource";
      case 405 -> "this method is not allowed on this resource (see the Allow header)";
      case 406 -> "no acceptable representation; this API answers application/json";
      case 408 -> "the request took too long to arrive";
      case 411 -> "a Content-Length is required";
      case 413 -> "the request body is too large";
      case 414 -> "the request URI is too long";
      case 415 -> "unsupported content type; send application/json";
      case 429 -> "too many requests; retry later";
      case 431 -> "the request headers are too large";
      case 503 -> "a service this request needs is unavailable; retry later";
      default ->
          status >= 500
              ? "an unexpected error occurred; it has been logged"
              : "the request cannot be served";
    };
  }

  /** The reason phrase of {@code status}, used as the problem's title. */
  static String title(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    if (known != null) {
      return known.getReasonPhrase();
    }
    return switch (status) {
      case 422 -> "Unprocessable Content";
      case 431 -> "Request Header Fields Too Large";
      default -> status >= 500 ? "Server Error" : "Client Error";
    };
  }

  /** {@code display_name} -> {@code displayName}: protobuf's JSON name of an IDL field name. */
  static String jsonName(String field) {
    StringBuilder name = new StringBuilder(field.length());
    boolean upper = false;
    for (char c : field.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.toString();
  }

  /**
   * {@code /api/v1/problems/<CODE>}: a relative reference (RFC 9457 section 3.1.1), resolved
   * against the request URI to the page that documents the code ({@link ProblemCatalog}).
   */
  static String typeOf(String code) {
    return ProblemCatalog.PATH + "/" + code;
  }

  /**
   * Headers that go with a problem: {@code WWW-Authenticate: Bearer} on 401 (RFC 6750, with {@code
   * error="invalid_token"} for a rejected token), {@code Retry-After: 1} (second) on 429 and 503,
   * {@code Connection: close} on 413. Sentinel's refusals set their own (see {@code
   * vent.web.limits.RateLimitResponses}).
   */
  public static Map<String, String> headers(Problem problem) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (problem.status() == 401) {
      headers.put(
          "WWW-Authenticate",
          TOKEN_INVALID.equals(problem.code())
              ? "Bearer realm=\"vent\", error=\"invalid_token\""
              : "Bearer realm=\"vent\"");
    }
    if (problem.status() == 429 || problem.status() == 503) {
      headers.put("Retry-After", "1");
    }
    if (problem.status() == 413) {
      // The rest of the body stays unread, so Jetty ends the connection after the answer; without
      // this header a keep-alive client would send its next request into the closed socket.
      headers.put("Connection", "close");
    }
    return headers;
  }

  /** A JAX-RS response carrying {@code problem} as {@code application/problem+json}. */
  public static Response response(Problem problem) {
    Response.ResponseBuilder builder =
        Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    headers(problem).forEach(builder::header);
    return builder.build();
  }
}
