package vent.common.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookup;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Reads a typed YAML configuration, substituting {@code ${NAME}} and {@code ${NAME:-default}} with
 * environment variables first (the same syntax as Dropwizard's {@code
 * EnvironmentVariableSubstitutor}, so providers and vent-web read config the same way).
 *
 * <p>A {@code ${NAME}} without a default must be set: the stack's ports and Consul KV prefixes are
 * written so, and come from the launcher ({@link RequiredVariables}).
 *
 * <p>The bound object is then checked against its Bean Validation annotations ({@code @NotBlank},
 * {@code @Min}, {@code @Valid} sections, ...), as Dropwizard checks vent-web's configuration.
 *
 * <p>Where the file comes from: the first command-line argument if given, otherwise the {@code
 * VENT_CONFIG} environment variable, otherwise the {@code /config.yml} resource bundled in the
 * provider's jar.
 */
public final class ConfigLoader {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /**
   * Messages are plain text with {@code {min}}-style parameters at most: no expression language
   * needed, so none is on the providers' class path.
   */
  private static final ValidatorFactory VALIDATION =
      Validation.byDefaultProvider()
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory();

  private ConfigLoader() {}

  /**
   * @param args the process's command-line arguments (only the first is read)
   * @param type the configuration class
   * @throws IllegalArgumentException if the YAML does not match {@code type}, is unreadable, or
   *     breaks a constraint (see {@link #validate})
   */
  public static <T> T load(String[] args, Class<T> type) {
    String explicit = args.length > 0 ? args[0] : System.getenv("VENT_CONFIG");
    String text =
        explicit != null && !explicit.isBlank()
            ? readFile(Path.of(explicit))
            : readResource("/config.yml");
    return parse(text, type, System.getenv());
  }

  /**
   * Parses YAML after substituting variables from {@code env}, then {@linkplain #validate
   * validates} the result.
   *
   * @throws IllegalArgumentException if a variable without a default is not set, the YAML does not
   *     match {@code type}, or it breaks a constraint
   */
  public static <T> T parse(String yaml, Class<T> type, Map<String, String> env) {
    try {
      RequiredVariables.check(yaml, env);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
    }
    StringLookup lookup = env::get;
    StringSubstitutor substitutor = new StringSubstitutor(lookup);
    substitutor.setValueDelimiter(":-");
    substitutor.setEnableUndefinedVariableException(true);
    T config;
    try {
      config = YAML.readValue(substitutor.replace(yaml), type);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
    }
    return validate(config);
  }

  /**
   * Checks a configuration against its Bean Validation annotations.
   *
   * @return {@code config}, unchanged
   * @throws IllegalArgumentException naming every bad setting by its YAML path, in path order, e.g.
   *     {@code invalid configuration: server.port must be 1-65535, got 0}
   */
  public static <T> T validate(T config) {
    Validator validator = VALIDATION.getValidator();
    Set<ConstraintViolation<T>> violations = validator.validate(config);
    if (!violations.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid configuration: "
              + violations.stream()
                  .map(ConfigLoader::describe)
                  .sorted()
                  .collect(Collectors.joining("; ")));
    }
    return config;
  }

  /** Numbers are shown as given; strings never (one could be a secret). */
  private static String describe(ConstraintViolation<?> violation) {
    String text = violation.getPropertyPath() + " " + violation.getMessage();
    return violation.getInvalidValue() instanceof Number value ? text + ", got " + value : text;
  }

  private static String readFile(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read configuration " + path, e);
    }
  }

  private static String readResource(String name) {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "no configuration file given and no " + name + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
