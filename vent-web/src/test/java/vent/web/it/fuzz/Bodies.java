package vent.web.it.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hostile JSON bodies derived from a request's fields: broken JSON, wrong types, missing and extra
 * fields, hostile strings, duplicate keys, deep nesting, huge numbers, invalid UTF-8 and bodies
 * past the size limit. {@link #invalid} bodies are never acceptable as a whole (so a body of an
 * authenticated request can never legitimately change data).
 */
final class Bodies {

  /** vent-web's {@code api.maxBodyBytes}, bytes. */
  static final int MAX_BODY_BYTES = 65_536;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Hostile h;

  Bodies(Hostile h) {
    this.h = h;
  }

  /** A labelled body. */
  record Body(String what, byte[] bytes) {}

  /**
   * Any hostile body for a request whose valid form has {@code fields} (name to a plausible value).
   * May happen to be valid when {@code fields} are plausible; use {@link #invalid} where that
   * matters.
   */
  Body any(Map<String, Object> fields) {
    return h.chance(0.5) ? structural(fields) : invalid(fields);
  }

  /** A body that is malformed or breaks a rule no valid request breaks. */
  Body invalid(Map<String, Object> fields) {
    switch (h.nextInt(14)) {
      case 0:
        return truncated(fields);
      case 1:
        return new Body("garbage bytes", garbage());
      case 2:
        return text(
            "not an object",
            h.pick(List.of("[]", "[1,2]", "\"x\"", "42", "true", "null", "{}[]", "{}{}", "")));
      case 3:
        return text(
            "broken syntax",
            h.pick(
                List.of(
                    "{\"a\":}",
                    "{,}",
                    "{\"a\" 1}",
                    "{'a':1}",
                    "{a:1}",
                    "{\"a\":1,}",
                    "{\"a\":01}",
                    "{\"a\":NaN}",
                    "{\"a\":\"\\x\"}",
                    "{\"a\":\"\u0001\"}",
                    "\ufeff{}",
                    "{\"a\":1}/*",
                    "//\n{}")));
      case 4:
        return deep();
      case 5:
        return hugeNumber(fields);
      case 6:
        return duplicateKey(fields);
      case 7:
        return oversized(fields);
      case 8:
        return invalidUtf8(fields);
      case 9:
        return wrongType(fields);
      case 10:
        return extraField(fields);
      case 11:
        return longString(fields);
      case 12:
        return text("empty object", "{}");
      default:
        return controlCharacter(fields);
    }
  }

  /**
   * A well-formed body with fields missing, mistyped or holding hostile strings (perhaps valid).
   */
  private Body structural(Map<String, Object> fields) {
    ObjectNode node = JSON.createObjectNode();
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      int roll = h.nextInt(6);
      if (roll == 0) {
        changed.add("-" + field.getKey());
      } else if (roll == 1) {
        node.put(field.getKey(), h.string());
        changed.add(field.getKey() + "=hostile");
      } else {
        node.set(field.getKey(), JSON.valueToTree(field.getValue()));
      }
    }
    return new Body("fields " + changed, bytes(node.toString()));
  }

  private Body truncated(Map<String, Object> fields) {
    String json = JSON.valueToTree(fields).toString();
    return text("truncated JSON", json.substring(0, h.nextInt(json.length())));
  }

  private byte[] garbage() {
    byte[] bytes = new byte[1 + h.nextInt(200)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) h.nextInt(256);
    }
    return bytes;
  }

  private Body deep() {
    int depth = 1000 + h.nextInt(20_000);
    String open = h.chance(0.5) ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    return text("nested " + depth + " deep", open.repeat(depth) + "1" + close.repeat(depth));
  }

  private Body hugeNumber(Map<String, Object> fields) {
    String digits = "9".repeat(1000 + h.nextInt(5000));
    String number = h.chance(0.5) ? digits : "1e" + digits.substring(0, 400) + "9";
    return text("huge number", "{\"" + firstField(fields) + "\":" + number + "}");
  }

  private Body duplicateKey(Map<String, Object> fields) {
    String json = JSON.valueToTree(fields).toString();
    String key = firstField(fields);
    return text(
        "duplicate key", json.substring(0, json.length() - 1) + ",\"" + key + "\":\"again\"}");
  }

  private Body oversized(Map<String, Object> fields) {
    int size = MAX_BODY_BYTES + 1 + h.nextInt(100_000);
    return text(
        "over the size limit", "{\"" + firstField(fields) + "\":\"" + "o".repeat(size) + "\"}");
  }

  private Body invalidUtf8(Map<String, Object> fields) {
    byte[] head = bytes("{\"" + firstField(fields) + "\":\"");
    byte[] bad = {
      (byte) 0xc3, 0x28, (byte) 0xff, (byte) 0xfe, (byte) 0xed, (byte) 0xa0, (byte) 0x80
    };
    byte[] tail = bytes("\"}");
    byte[] out = new byte[head.length + bad.length + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(bad, 0, out, head.length, bad.length);
    System.arraycopy(tail, 0, out, head.length + bad.length, tail.length);
    return new Body("invalid UTF-8", out);
  }

  private Body wrongType(Map<String, Object> fields) {
    ObjectNode node = JSON.valueToTree(fields);
    String key = h.pick(new ArrayList<>(fields.keySet()));
    Object value =
        h.pick(List.of(42, -1.5, true, List.of("a", 1), Map.of("nested", "x"), Long.MAX_VALUE));
    node.set(key, JSON.valueToTree(value));
    return new Body(key + " of wrong type", bytes(node.toString()));
  }

  private Body extraField(Map<String, Object> fields) {
    Map<String, Object> copy = new LinkedHashMap<>(fields);
    copy.put(
        h.pick(
            List.of("isAdmin", "id", "userId", "followersCount", "__proto__", "role", "username")),
        h.pick(List.of(true, "1", 99)));
    return new Body("extra field", bytes(JSON.valueToTree(copy).toString()));
  }

  private Body longString(Map<String, Object> fields) {
    Map<String, Object> copy = new LinkedHashMap<>(fields);
    copy.put(h.pick(new ArrayList<>(fields.keySet())), "L".repeat(1100 + h.nextInt(30_000)));
    return new Body("too long field", bytes(JSON.valueToTree(copy).toString()));
  }

  private Body controlCharacter(Map<String, Object> fields) {
    Map<String, Object> copy = new LinkedHashMap<>(fields);
    String key = h.pick(new ArrayList<>(fields.keySet()));
    copy.put(key, h.string() + (char) h.nextInt(9) + h.unicode(3));
    // Stays invalid even if the field accepts control characters: an unknown field rides along.
    copy.put("unexpected\u0000field", 1);
    return new Body(key + " with control characters", bytes(JSON.valueToTree(copy).toString()));
  }

  private static String firstField(Map<String, Object> fields) {
    return fields.isEmpty() ? "a" : fields.keySet().iterator().next();
  }

  private static Body text(String what, String json) {
    return new Body(what, bytes(json));
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
