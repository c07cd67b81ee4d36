package vent.web.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request bodies Jackson cannot read: 400 MALFORMED_JSON when the body is not JSON or breaks one of
 * Jackson's read limits (nesting deeper than 1000, a number of more than 1000 digits), 400
 * INVALID_FIELD (with the field's path in {@code errors[]}) when a field has the wrong type or is
 * not part of the request. Jackson's own messages are never sent: they name Java classes. Failures
 * to write a response are server bugs: 500 INTERNAL.
 */
@Provider
public final class JsonExceptionMapper extends ProblemMapperSupport
    implements ExceptionMapper<JsonProcessingException> {

  private static final Logger LOG = LoggerFactory.getLogger(JsonExceptionMapper.class);

  @Override
  public Response toResponse(JsonProcessingException e) {
    return Problems.response(problemFor(e, instance()));
  }

  /** The problem for a Jackson failure while reading a request body. */
  static Problem problemFor(JsonProcessingException e, String instance) {
    if (e instanceof JsonParseException) {
      return Problems.of(
          400, Problems.MALFORMED_JSON, "the request body is not valid JSON", instance, List.of());
    }
    if (e instanceof StreamConstraintsException) {
      // Not a JsonParseException, yet only a hostile body (e.g. 5000 nested arrays) gets here:
      // responses are flat DTOs that never come near the write limits.
      return Problems.of(
          400,
          Problems.MALFORMED_JSON,
          "the request body breaks a JSON limit (nesting depth, number or string length)",
          instance,
          List.of());
    }
    if (e instanceof InvalidDefinitionException || !(e instanceof JsonMappingException)) {
      // A DTO Jackson cannot handle, or a failure while writing: vent-web's bug, not the client's.
      LOG.error("event=json_failure path={}", instance, e);
      return Problems.forStatus(500, instance);
    }
    JsonMappingException mapping = (JsonMappingException) e;
    String field = pathOf(mapping);
    String message;
    if (e instanceof UnrecognizedPropertyException || e instanceof PropertyBindingException) {
      message = "unknown field";
    } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      message = "expected " + jsonTypeOf(mismatch.getTargetType());
    } else {
      message = "invalid value";
    }
    if (field.isEmpty()) {
      field = "body";
      message =
          e instanceof MismatchedInputException m && m.getTargetType() != null
              ? "expected " + jsonTypeOf(m.getTargetType())
              : "invalid request body";
    }
    return Problems.of(
        400,
        Problems.INVALID_FIELD,
        field + ": " + message,
        instance,
        List.of(new Problem.FieldError(field, message)));
  }

  /** {@code items[0].id} style path of the failing field; empty for the body itself. */
  static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String jsonTypeOf(Class<?> type) {
    if (CharSequence.class.isAssignableFrom(type)
        || type == Character.class
        || type == char.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean";
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != void.class)) {
      return "a number";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (type.isEnum()) {
      return "one of the documented values";
    }
    if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
      return "an object";
    }
    return "another type";
  }
}
