package vent.common.config.global;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {

  /** The launcher seeds this file; it must hold exactly the registry's keys and defaults. */
  @Test
  void defaultsFileEqualsTheCodeDefaults() throws IOException {
    Properties file = new Properties();
    try (Reader in =
        Files.newBufferedReader(
            Path.of("..", "consul-config", "global.properties"), StandardCharsets.UTF_8)) {
      file.load(in);
    }
    Map<String, String> fromFile = new LinkedHashMap<>();
    file.stringPropertyNames().forEach(name -> fromFile.put(name, file.getProperty(name)));
    Map<String, String> fromCode =
        ConfigKeys.ALL.stream()
            .collect(Collectors.toMap(ConfigKey::name, ConfigKeysTest::formattedDefault));
    assertThat(fromFile).isEqualTo(fromCode);
  }

  @Test
  void namesAreUnique() {
    assertThat(ConfigKeys.ALL.stream().map(ConfigKey::name).distinct().count())
        .isEqualTo(ConfigKeys.ALL.size());
  }

  @Test
  void integersParseWithinTheirRangeOnly() {
    assertThat(ConfigKeys.PAGE_SIZE_MAX.parse(" 50\n")).isEqualTo(50);
    assertThat(ConfigKeys.PAGE_SIZE_MAX.parse("1")).isEqualTo(1);
    assertThat(ConfigKeys.PAGE_SIZE_MAX.parse("500")).isEqualTo(500);
    for (String bad : new String[] {"0", "501", "-1", "ten", "", "1.5", "99999999999"}) {
      assertThatThrownBy(() -> ConfigKeys.PAGE_SIZE_MAX.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void switchesAreExactlyTrueOrFalse() {
    assertThat(ConfigKeys.REGISTRATION_ENABLED.parse("false")).isFalse();
    assertThat(ConfigKeys.REGISTRATION_ENABLED.parse("true\n")).isTrue();
    for (String bad : new String[] {"yes", "1", "TRUE", "", "off"}) {
      assertThatThrownBy(() -> ConfigKeys.REGISTRATION_ENABLED.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void keyNamesAreDottedLowerCase() {
    assertThatThrownBy(() -> ConfigKey.integer("Auth.TTL", ConfigKey.Mode.LIVE, 1, 0, 2, "s", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConfigKey.integer("nodot", ConfigKey.Mode.LIVE, 1, 0, 2, "s", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static <T> String formattedDefault(ConfigKey<T> key) {
    return key.format(key.defaultValue());
  }
}
