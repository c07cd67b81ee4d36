package vent.web.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem details body, sent as {@code application/problem+json}.
 *
 * @param type {@code /api/v1/problems/<code>}, e.g. {@code /api/v1/problems/USER_NOT_FOUND}: a
 *     relative reference to the page that documents the code (HTML, or JSON on {@code Accept:
 *     application/json}), resolved against the request URI
 * @param title the HTTP reason phrase of {@code status}
 * @param status the HTTP status code
 * @param detail a sentence for humans; never internals (no class names, no stack traces)
 * @param code stable machine-readable code, upper-case, e.g. {@code USER_NOT_FOUND}
 * @param instance the request path the problem occurred on, e.g. {@code /api/v1/users/abc}; may be
 *     null
 * @param errors field-level problems, omitted when there are none
 * @param traceId the trace id of the failed request (32 lower-case hex digits, or the id a trusted
 *     proxy sent in {@code X-Request-Id}): what a user quotes in an error report, and the key of
 *     its log lines ({@code trace_id=}) and of its trace in Zipkin (docs/OPERATIONS.md, "Tracing");
 *     omitted outside a request
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String code,
    String instance,
    List<FieldError> errors,
    String traceId) {

  /** The media type of problem bodies (RFC 9457 section 3). */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** This problem with {@code traceId} set, e.g. an id made where no request thread had one. */
  public Problem withTraceId(String traceId) {
    return new Problem(type, title, status, detail, code, instance, errors, traceId);
  }

  /**
   * One invalid field of a request.
   *
   * @param field dotted path of the field in the JSON body ({@code items[0].id}), or a parameter
   *     name ({@code limit}, {@code id}), or {@code body} for the body as a whole
   * @param message what is wrong with it
   */
  public record FieldError(String field, String message) {}
}
