package vent.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Puts the defaults into Consul KV where a key is absent (check-and-set with index 0), so that
 * values changed by operators or the Sentinel dashboard survive every {@code up}, and deleting a
 * key resets it at the next {@code up}: Sentinel rules from {@code
 * sentinel-rules/<app>/<type>.json} and global configuration from {@code
 * consul-config/<global|app>.properties}.
 */
final class Seeder {

  private static final Pattern PROPERTY = Pattern.compile("([a-z0-9.-]+)=(.*)");

  private final Context c;

  Seeder(Context c) {
    this.c = c;
  }

  /** The default rule files, each checked to be a JSON array (a broken default would spread). */
  List<Path> ruleFiles() {
    Path dir = c.settings.rulesDir;
    if (!Files.isDirectory(dir)) {
      throw Out.die("no Sentinel rules folder " + dir + " (VENT_SENTINEL_RULES_DIR)");
    }
    List<Path> files = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    try (Stream<Path> apps = Files.list(dir)) {
      for (Path app : apps.filter(Files::isDirectory).sorted().toList()) {
        for (String type : c.topology.sentinel().ruleTypes()) {
          Path f = app.resolve(type + ".json");
          if (Files.isRegularFile(f)) {
            files.add(f);
            try {
              if (!ConsulApi.JSON.readTree(f.toFile()).isArray()) {
                bad.add(f + ": not a JSON array");
              }
            } catch (IOException e) {
              bad.add(f + ": " + e.getMessage());
            }
          }
        }
      }
    } catch (IOException e) {
      throw Out.die("cannot read " + dir + ": " + e.getMessage());
    }
    bad.forEach(Out::error);
    if (!bad.isEmpty()) {
      throw Out.die("invalid Sentinel rule file(s) in " + dir + " (see above)");
    }
    if (files.isEmpty()) {
      throw Out.die(
          "no rule files (<app>/{"
              + String.join(",", c.topology.sentinel().ruleTypes())
              + "}.json) in "
              + dir);
    }
    return files;
  }

  void seedRules(List<Path> files) throws IOException {
    String prefix = c.topology.kv().sentinelRules();
    int seeded = 0;
    int kept = 0;
    for (Path f : files) {
      String app = f.getParent().getFileName().toString();
      String type = f.getFileName().toString().replaceFirst("\\.json$", "");
      String key = prefix + "/" + app + "/" + type;
      switch (put(key, Files.readString(f, StandardCharsets.UTF_8), f.toString())) {
        case "true" -> seeded++;
        default -> kept++;
      }
    }
    Out.say(
        "Sentinel rules in Consul KV ("
            + prefix
            + "/<app>/<type>): "
            + seeded
            + " seeded from "
            + relative(c.settings.rulesDir)
            + ", "
            + kept
            + " kept as they were");
  }

  void seedConfig() throws IOException {
    Path dir = c.settings.configDefaultsDir;
    String prefix = c.topology.kv().config();
    if (!Files.isDirectory(dir)) {
      throw Out.die(
          "no global configuration defaults folder " + dir + " (VENT_CONFIG_DEFAULTS_DIR)");
    }
    int seeded = 0;
    int kept = 0;
    List<Path> files;
    try (Stream<Path> all = Files.list(dir)) {
      files = all.filter(p -> p.toString().endsWith(".properties")).sorted().toList();
    }
    for (Path f : files) {
      String folder = f.getFileName().toString().replaceFirst("\\.properties$", "");
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.strip().startsWith("#")) {
          continue;
        }
        Matcher m = PROPERTY.matcher(line);
        if (!m.matches()) {
          throw Out.die(f + ": not a key=value line: " + line);
        }
        String key = prefix + "/" + folder + "/" + m.group(1);
        if (put(key, m.group(2), m.group(1)).equals("true")) {
          seeded++;
        } else {
          kept++;
        }
      }
    }
    Out.say(
        "Global configuration in Consul KV ("
            + prefix
            + "/<global|app>/<key>): "
            + seeded
            + " seeded from "
            + relative(dir)
            + ", "
            + kept
            + " kept as they were");
  }

  /** "true" or "false"; anything else stops {@code up}. */
  private String put(String key, String value, String what) {
    String answer = c.consul().putIfAbsent(key, value);
    if (!answer.equals("true") && !answer.equals("false")) {
      throw new Up.StartFailed(
          "could not store " + what + " in Consul KV at " + key + " (answer: " + answer + ")");
    }
    return answer;
  }

  /** The rules as stored, for {@code rules}: JSON of each key. */
  static String note(JsonNode stored, Path defaultFile) {
    if (!Files.isRegularFile(defaultFile)) {
      return "no default file";
    }
    try {
      return ConsulApi.JSON.readTree(defaultFile.toFile()).equals(stored)
          ? "default"
          : "changed from " + relative(defaultFile);
    } catch (IOException e) {
      return "no default file";
    }
  }

  static String relative(Path p) {
    Path cwd = Path.of("").toAbsolutePath();
    return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
  }
}
