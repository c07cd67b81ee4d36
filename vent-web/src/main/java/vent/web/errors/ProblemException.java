package vent.web.errors;

import java.util.List;

/**
 * A failure vent-web itself detects (bad parameter, missing token, body too large) and answers with
 * a problem body; mapped by {@link ProblemExceptionMapper}.
 */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String code;
  private final List<Problem.FieldError> errors;

  /**
   * @param status HTTP status, 4xx
   * @param code stable upper-case code, e.g. {@code INVALID_LIMIT}
   * @param detail sentence for the client
   * @param errors field-level problems, may be empty
   */
  public ProblemException(int status, String code, String detail, List<Problem.FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.errors = List.copyOf(errors);
  }

  /** 400 with one field-level error. */
  public static ProblemException badField(String code, String field, String message) {
    return new ProblemException(
        400, code, field + ": " + message, List.of(new Problem.FieldError(field, message)));
  }

  /** 400 VALIDATION_FAILED with one field-level error. */
  public static ProblemException validation(String field, String message) {
    return badField(Problems.VALIDATION_FAILED, field, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String detail() {
    return getMessage();
  }

  public List<Problem.FieldError> errors() {
    return errors;
  }
}
