package vent.web.api;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The string's length in Unicode code points is between {@link #min()} and {@link #max()}, the way
 * the providers count it. {@code @Size} counts UTF-16 units, so an emoji (two units) would count
 * twice here and not at the provider. {@code null} is valid (combine with {@code @NotNull}).
 */
@Documented
@Constraint(validatedBy = CodePoints.Validator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface CodePoints {

  /** Fewest code points, 0 or more. */
  int min() default 0;

  /** Most code points. */
  int max();

  /** The violation's message; names the bounds. */
  String message() default "size must be between {min} and {max} characters";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Counts with {@link String#codePointCount}; an unpaired surrogate counts as one. */
  final class Validator implements ConstraintValidator<CodePoints, String> {
    private int min;
    private int max;

    @Override
    public void initialize(CodePoints bounds) {
      this.min = bounds.min();
      this.max = bounds.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      // At most two UTF-16 units per code point: skip the count when the answer is certain.
      if (value.length() <= max && value.length() >= 2L * min) {
        return true;
      }
      int n = value.codePointCount(0, value.length());
      return n >= min && n <= max;
    }
  }
}
