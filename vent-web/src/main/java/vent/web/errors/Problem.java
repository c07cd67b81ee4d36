package vent.web.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem details body, sent as {@code application/problem+json}.
 *
 * @param type {@code urn:vent:problem:<code in lower-case, dashes>}, e.g. {@code
 *     urn:vent:problem:user-not-found}
 * @param title the HTTP reason phrase of {@code status}
 * @param status the HTTP status code
 * @param detail a sentence for humans; never internals (no class names, no stack traces)
 * @param code stable machine-readable code, upper-case, e.g. {@code USER_NOT_FOUND}
 * @param instance the request path the problem occurred on, e.g. {@code /api/v1/users/abc}; may be
 *     null
 * @param errors field-level problems, omitted when there are none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String code,
    String instance,
    List<FieldError> errors) {

  /** The media type of problem bodies (RFC 9457 section 3). */
  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * One invalid field of a request.
   *
   * @param field dotted path of the field in the JSON body ({@code items[0].id}), or a parameter
   *     name ({@code limit}, {@code id}), or {@code body} for the body as a whole
   * @param message what is wrong with it
   */
  public record FieldError(String field, String message) {}
}
