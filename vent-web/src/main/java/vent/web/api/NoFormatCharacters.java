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
 * The string holds no format character (Unicode category Cf): no bidi control such as U+202E,
 * which would make other users read a name or bio reversed, and no invisible one such as U+200B
 * or U+FEFF, which would let two names look the same. {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = NoFormatCharacters.Validator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface NoFormatCharacters {

  /** The violation's message. */
  String message() default "must not contain format characters (bidi controls, zero-width characters)";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Rejects any code point whose {@link Character#getType} is {@link Character#FORMAT}. */
  final class Validator implements ConstraintValidator<NoFormatCharacters, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || value.codePoints().noneMatch(cp -> Character.getType(cp) == Character.FORMAT);
    }
  }
}
