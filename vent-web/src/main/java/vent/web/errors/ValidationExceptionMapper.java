package vent.web.errors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bean Validation failures (Dropwizard's {@code JerseyViolationException} included) become 400
 * VALIDATION_FAILED with one {@code errors[]} entry per violation, the field named by its path in
 * the JSON body ({@code username}) or by its parameter ({@code body}, {@code limit}). A violation
 * of a resource's return value is a server bug: 500 INTERNAL.
 */
@Provider
public final class ValidationExceptionMapper extends ProblemMapperSupport
    implements ExceptionMapper<ConstraintViolationException> {

  private static final Logger LOG = LoggerFactory.getLogger(ValidationExceptionMapper.class);

  @Override
  public Response toResponse(ConstraintViolationException e) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
      if (isReturnValue(violation.getPropertyPath())) {
        LOG.error("event=invalid_response path={} violation={}", instance(), violation, e);
        return Problems.response(Problems.forStatus(500, instance()));
      }
      errors.add(
          new Problem.FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()));
    }
    errors.sort(
        Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
    String detail =
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " fields are invalid";
    return Problems.response(
        Problems.of(400, Problems.VALIDATION_FAILED, detail, instance(), errors));
  }

  /**
   * {@code register.body.username} -> {@code username}; {@code list.query param limit} -> {@code
   * limit}; {@code register.body} -> {@code body}.
   */
  static String fieldOf(Path path) {
    StringBuilder field = new StringBuilder();
    String parameter = null;
    for (Path.Node node : path) {
      if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
        continue;
      }
      if (node.getKind() == ElementKind.PARAMETER) {
        parameter = stripParamKind(node.getName());
        continue;
      }
      if (node.getName() == null) {
        continue;
      }
      if (node.getIndex() != null && field.length() > 0) {
        field.append('[').append(node.getIndex()).append(']');
      }
      if (field.length() > 0) {
        field.append('.');
      }
      field.append(node.getName());
    }
    if (field.length() > 0) {
      return field.toString();
    }
    return parameter != null ? parameter : "body";
  }

  private static String stripParamKind(String name) {
    // JerseyParameterNameProvider names parameters "query param limit", "path param id", ...
    int space = name.lastIndexOf(' ');
    return space >= 0 ? name.substring(space + 1) : name;
  }

  private static boolean isReturnValue(Path path) {
    for (Path.Node node : path) {
      if (node.getKind() == ElementKind.RETURN_VALUE) {
        return true;
      }
    }
    return false;
  }
}
