package vent.bench.baseline;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/**
 * An RFC 9457 problem body ({@code application/problem+json}) shaped like vent-web's {@code
 * vent.web.errors.Problem}.
 *
 * @param type {@code urn:vent:problem:<code in lower-case, dashes>}
 * @param title the HTTP reason phrase of {@code status}
 * @param status the HTTP status code
 * @param detail a sentence for humans
 * @param code stable upper-case code, e.g. {@code USER_NOT_FOUND}
 * @param instance the request path, e.g. {@code /api/v1/users/42}; may be null
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

  /** The media type of problem bodies. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * @param field a parameter name ({@code id}, {@code limit}, {@code cursor})
   * @param message what is wrong with it
   */
  public record FieldError(String field, String message) {}

  /** A problem; {@code errors} may be empty (then omitted). */
  public static Problem of(
      int status, String code, String detail, String instance, List<FieldError> errors) {
    Response.Status known = Response.Status.fromStatusCode(status);
    String title =
        known != null ? known.getReasonPhrase() : status >= 500 ? "Server Error" : "Client Error";
    return new Problem(
        "urn:vent:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'),
        title,
        status,
        detail,
        code,
        instance,
        errors.isEmpty() ? null : List.copyOf(errors));
  }
}
