package vent.common.config;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * On {@link TlsSettings}: when {@code enabled}, {@code certChain}, {@code privateKey} and {@code
 * trustCerts} each name a readable file. One violation per bad file, on that property, saying
 * whether it is unset or unreadable.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ReadableTlsFiles.Check.class)
public @interface ReadableTlsFiles {

  String message() default "names a file that is not readable";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The check behind {@link ReadableTlsFiles}. */
  final class Check implements ConstraintValidator<ReadableTlsFiles, TlsSettings> {

    @Override
    public boolean isValid(TlsSettings tls, ConstraintValidatorContext context) {
      if (tls == null || !tls.enabled) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      boolean valid = readable("certChain", tls.certChain, context);
      valid &= readable("privateKey", tls.privateKey, context);
      valid &= readable("trustCerts", tls.trustCerts, context);
      return valid;
    }

    private static boolean readable(
        String property, String path, ConstraintValidatorContext context) {
      String problem;
      if (path == null || path.isBlank()) {
        problem = "must be set when tls.enabled is true";
      } else if (!Files.isReadable(Path.of(path))) {
        problem = "is not a readable file: " + path;
      } else {
        return true;
      }
      // The message is a template: braces or dollars from a path must not be interpolated.
      context
          .buildConstraintViolationWithTemplate(escape(problem))
          .addPropertyNode(property)
          .addConstraintViolation();
      return false;
    }

    private static String escape(String text) {
      return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
  }
}
