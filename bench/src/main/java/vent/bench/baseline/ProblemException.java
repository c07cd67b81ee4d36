package vent.bench.baseline;

import java.util.List;

/** A failure the baseline answers with a {@link Problem}; mapped by {@link ProblemMapper}. */
public final class ProblemException extends RuntimeException {

  private final int status;
  private final String code;
  private final List<Problem.FieldError> errors;

  /**
   * @param status HTTP status, 4xx
   * @param code upper-case code, e.g. {@code USER_NOT_FOUND}
   * @param detail sentence for the client
   * @param errors field-level problems, may be empty
   */
  public ProblemException(int status, String code, String detail, List<Problem.FieldError> errors) {
    // No stack trace: these are expected answers, not bugs, and some are frequent.
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.errors = List.copyOf(errors);
  }

  /** 404 USER_NOT_FOUND, worded as the user provider words it. */
  public static ProblemException userNotFound(String userId) {
    return new ProblemException(404, "USER_NOT_FOUND", "no user with id " + userId, List.of());
  }

  /** 400 with one field-level error; {@code detail} also becomes the field's message. */
  public static ProblemException badField(
      String code, String field, String detail, String message) {
    return new ProblemException(400, code, detail, List.of(new Problem.FieldError(field, message)));
  }

  /** The problem body for a request to {@code instance}. */
  public Problem toProblem(String instance) {
    return Problem.of(status, code, getMessage(), instance, errors);
  }
}
