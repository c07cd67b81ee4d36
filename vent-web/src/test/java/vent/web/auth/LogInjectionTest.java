package vent.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The log layouts every process ships (vent-web's {@code config.yml}, the providers' logback.xml in
 * vent-common) write a CR or LF inside a message as {@code \r} / {@code \n}: user input in a logged
 * value cannot start a forged line of its own.
 */
class LogInjectionTest {

  private static final String FORGED =
      "x\r\n2026-01-01T00:00:00.000Z level=INFO logger=LoginUseCase event=login userId=1";

  @ParameterizedTest
  @ValueSource(strings = {"vent-web", "providers"})
  void aLineBreakInALoggedValueCannotForgeASecondLine(String process) throws Exception {
    PatternLayout layout = new PatternLayout();
    layout.setContext(new LoggerContext());
    layout.setPattern(pattern(process));
    layout.start();
    LoggingEvent event =
        new LoggingEvent(
            "test",
            new LoggerContext().getLogger("LoginUseCase"),
            Level.INFO,
            "event=login_failed user={}",
            null,
            new Object[] {FORGED});
    // The layouts print the request's trace id from the MDC (vent.web.tracing).
    event.setMDCPropertyMap(Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"));

    String line = layout.doLayout(event);

    assertThat(line).endsWith("\n");
    assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n").doesNotContain("\r");
    assertThat(line).contains("user=x\\r\\n2026-01-01T00:00:00.000Z level=INFO");
    assertThat(line).contains(" trace_id=4bf92f3577b34da6a3ce929d0e0e4736 ");
  }

  private static String pattern(String process) throws Exception {
    if (process.equals("vent-web")) {
      JsonNode config =
          new ObjectMapper(new YAMLFactory()).readTree(Path.of("config.yml").toFile());
      return config.at("/logging/appenders/0/logFormat").asText();
    }
    String xml = Files.readString(Path.of("../vent-common/src/main/resources/logback.xml"));
    Matcher m = Pattern.compile("<pattern>(.*?)</pattern>").matcher(xml);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
