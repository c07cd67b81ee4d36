package vent.common.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookup;

/**
 * Reads a typed YAML configuration, substituting {@code ${NAME}} and {@code ${NAME:-default}}
 * with environment variables first (the same syntax as Dropwizard's
 * {@code EnvironmentVariableSubstitutor}, so providers and vent-web read config the same way).
 *
 * <p>Where the file comes from: the first command-line argument if given, otherwise the
 * {@code VENT_CONFIG} environment variable, otherwise the {@code /config.yml} resource bundled
 * in the provider's jar.
 */
public final class ConfigLoader {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private ConfigLoader() {}

  /**
   * @param args the process's command-line arguments (only the first is read)
   * @param type the configuration class
   * @throws IllegalArgumentException if the YAML does not match {@code type} or is unreadable
   */
  public static <T> T load(String[] args, Class<T> type) {
    String explicit = args.length > 0 ? args[0] : System.getenv("VENT_CONFIG");
    String text = explicit != null && !explicit.isBlank() ? readFile(Path.of(explicit)) : readResource("/config.yml");
    return parse(text, type, System.getenv());
  }

  /**
   * Parses YAML after substituting variables from {@code env}.
   *
   * @throws IllegalArgumentException if the YAML does not match {@code type}
   */
  public static <T> T parse(String yaml, Class<T> type, Map<String, String> env) {
    StringLookup lookup = env::get;
    StringSubstitutor substitutor = new StringSubstitutor(lookup);
    substitutor.setValueDelimiter(":-");
    substitutor.setEnableUndefinedVariableException(true);
    try {
      return YAML.readValue(substitutor.replace(yaml), type);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
    }
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
        throw new IllegalStateException("no configuration file given and no " + name + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
