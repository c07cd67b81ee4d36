package vent.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code rules [APP]}: the Sentinel rules in Consul KV, each key marked "default" when it equals
 * its file in sentinel-rules/ (compared as JSON) or "changed".
 */
@Command(
    name = "rules",
    description = "The Sentinel rules in Consul KV, marked default or changed.")
final class Rules implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "APP")
  String app;

  @Override
  public Integer call() throws Exception {
    if (app != null && !app.matches("[A-Za-z0-9._-]+")) {
      throw Out.die("not an application name: '" + app + "'");
    }
    Context c = Context.load(true);
    ConsulApi consul = c.consul();
    String root = c.topology.kv().sentinelRules();
    if (!consul.ready(root)) {
      throw Out.die(
          "Consul is not answering on 127.0.0.1:"
              + c.settings.consulPort
              + ": start the stack with "
              + c.ventCmd()
              + "up");
    }
    String prefix = root + "/" + (app == null ? "" : app + "/");
    ConsulApi.Answer a = consul.get("/v1/kv/" + prefix + "?recurse");
    if (a.status() == 404) {
      throw Out.die(
          "no Sentinel rules under "
              + prefix
              + " in Consul KV (applications: the folders of sentinel-rules/; "
              + c.ventCmd()
              + "up seeds them)");
    }
    if (a.status() != 200) {
      throw Out.die("Consul answered HTTP " + a.status() + " for " + prefix);
    }
    for (JsonNode entry : ConsulApi.JSON.readTree(a.body())) {
      String key = entry.path("Key").asText();
      String raw =
          new String(
              Base64.getDecoder().decode(entry.path("Value").asText("")), StandardCharsets.UTF_8);
      JsonNode rules;
      try {
        rules = ConsulApi.JSON.readTree(raw);
      } catch (Exception e) {
        System.out.println("== " + key + "  (NOT VALID JSON: " + e.getMessage() + ")\n" + raw);
        continue;
      }
      Path file = c.settings.rulesDir;
      for (String part : key.substring(root.length() + 1).split("/")) {
        file = file.resolve(part);
      }
      String note = Seeder.note(rules, file.resolveSibling(file.getFileName() + ".json"));
      String n = rules != null && rules.isArray() ? String.valueOf(rules.size()) : "?";
      System.out.println("== " + key + "  (" + n + " rule(s), " + note + ")");
      if (rules != null && rules.isArray()) {
        if (rules.isEmpty()) {
          System.out.println("[]");
        } else {
          StringBuilder out = new StringBuilder("[\n");
          for (int i = 0; i < rules.size(); i++) {
            out.append("  ").append(rules.get(i)).append(i + 1 < rules.size() ? ",\n" : "\n");
          }
          System.out.println(out.append("]"));
        }
      } else {
        System.out.println(rules == null ? "" : rules.toPrettyString());
      }
    }
    return 0;
  }
}
