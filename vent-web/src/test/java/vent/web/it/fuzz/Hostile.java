package vent.web.it.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Seeded generators of hostile values: strings, ids, limits, cursors. Every choice comes from the
 * {@link Random} given, so one seed always yields the same values.
 */
public final class Hostile {

  /** Strings that have broken other systems: injections, format strings, odd Unicode, controls. */
  static final List<String> NASTY =
      List.of(
          "",
          " ",
          "\t",
          "null",
          "undefined",
          "NaN",
          "true",
          "0",
          "-0",
          "1e309",
          "0x1f",
          "' OR '1'='1",
          "\" OR \"\"=\"",
          "1; DROP TABLE users; --",
          "admin'--",
          "${jndi:ldap://127.0.0.1/x}",
          "#{7*7}",
          "{{7*7}}",
          "%s%s%s%n",
          "<script>alert(1)</script>",
          "\"><img src=x onerror=alert(1)>",
          "../../../../etc/passwd",
          "..\\..\\windows\\win.ini",
          "\u0000",
          "a\u0000b",
          "\r\nX-Injected: 1",
          "\u202egnp.exe",
          "\u200b\u200b",
          "\ufeff",
          "\ud83d\ude00\ud83d\udca9",
          "\u00e9\u0301",
          "\u0130",
          "\u212a",
          "\uffff",
          "\ufffd",
          "\u0085",
          "\u2028\u2029",
          "\u1680",
          "ZA\u0336L\u0337G\u0338O",
          "\u0661\u0662\u0663",
          "*",
          "?",
          "%",
          "%00",
          "%2e%2e%2f",
          "\\",
          "/",
          "//",
          ";",
          "|",
          "&&",
          "`id`",
          "$(id)",
          "{\"$gt\":\"\"}",
          "[]",
          "{}",
          "\\u0000",
          "\"",
          "'",
          "a".repeat(31),
          "a".repeat(1025),
          "KEYS *",
          "*1\r\n$8\r\nFLUSHALL\r\n",
          "vent:user:{1}",
          "__proto__",
          "constructor");

  private static final String[] UNICODE_BLOCKS = {
    "\u0000",
    "\u0007",
    "\u001b",
    "\u007f",
    "\u0085",
    "\u00a0",
    "\u200d",
    "\u202e",
    "\u2066",
    "\ud800",
    "\udfff",
    "\ud83d\ude00",
    "\u4e2d",
    "\u0627",
    "\u05d0",
    "\u0e01",
    "\ufeff"
  };

  private final Random random;

  /**
   * @param random the seeded source of every choice
   */
  public Hostile(Random random) {
    this.random = random;
  }

  /** True with probability {@code p}. */
  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  <T> T pick(T[] items) {
    return items[random.nextInt(items.length)];
  }

  /** A hostile string: a known nasty one, a random Unicode mix, a long run, or a mix of them. */
  String string() {
    switch (random.nextInt(5)) {
      case 0:
      case 1:
        return pick(NASTY);
      case 2:
        return unicode(1 + random.nextInt(40));
      case 3:
        return pick(NASTY) + unicode(1 + random.nextInt(5)) + pick(NASTY);
      default:
        return "x".repeat(1 + random.nextInt(3000));
    }
  }

  /**
   * Random characters from odd corners of Unicode, lone surrogates and control characters included.
   */
  String unicode(int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      if (random.nextBoolean()) {
        sb.append(pick(UNICODE_BLOCKS));
      } else {
        sb.append((char) random.nextInt(0x3000));
      }
    }
    return sb.toString();
  }

  /** Something in the place of a user id: never an id a seeded user has. */
  String userId() {
    switch (random.nextInt(12)) {
      case 0:
        return "-" + (1 + random.nextInt(1000));
      case 1:
        return "0";
      case 2:
        return "000" + random.nextInt(100);
      case 3:
        return "9".repeat(19);
      case 4:
        return "9223372036854775808";
      case 5:
        return "1".repeat(20 + random.nextInt(300));
      case 6:
        return (1 + random.nextInt(9)) + "." + random.nextInt(10);
      case 7:
        return "1e" + random.nextInt(30);
      case 8:
        return "\u0661\u0662\u0663";
      case 9:
        return " " + (1 + random.nextInt(1000));
      case 10:
        return String.valueOf(900_000_000_000L + random.nextInt(1_000_000));
      default:
        return string();
    }
  }

  /**
   * Something in the place of a vent id: malformed, or well-formed with a random part no vent of
   * the seeded user has ({@code authorId}).
   */
  String ventId(String authorId) {
    switch (random.nextInt(6)) {
      case 0:
        return authorId + "-" + Long.toString(Long.MAX_VALUE - random.nextInt(1_000_000), 36);
      case 1:
        return userId() + "-" + Long.toString(random.nextInt(Integer.MAX_VALUE), 36);
      case 2:
        return authorId + "-" + "Z".repeat(1 + random.nextInt(20));
      case 3:
        return authorId + "-" + "1".repeat(14 + random.nextInt(100));
      case 4:
        return userId();
      default:
        return string();
    }
  }

  /** Something in the place of {@code limit}: negative, zero, huge, not a number, or empty. */
  String limit() {
    switch (random.nextInt(10)) {
      case 0:
        return "-" + random.nextInt(100_000);
      case 1:
        return "0";
      case 2:
        return "101";
      case 3:
        return String.valueOf(Integer.MAX_VALUE);
      case 4:
        return "99999999999999999999999";
      case 5:
        return "1.5";
      case 6:
        return "";
      case 7:
        return "+5";
      case 8:
        return "0x10";
      default:
        return string();
    }
  }

  /** Something in the place of a cursor: random base64, numbers, JSON, huge or hostile strings. */
  String cursor() {
    switch (random.nextInt(8)) {
      case 0:
        {
          byte[] bytes = new byte[1 + random.nextInt(48)];
          random.nextBytes(bytes);
          return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
      case 1:
        return String.valueOf(random.nextLong());
      case 2:
        return "-1";
      case 3:
        return java.util.Base64.getEncoder()
            .encodeToString(
                ("{\"score\":" + random.nextLong() + "}").getBytes(StandardCharsets.UTF_8));
      case 4:
        return random.nextLong() + ":" + random.nextLong();
      case 5:
        return "c".repeat(400 + random.nextInt(400));
      case 6:
        return "1e308";
      default:
        return string();
    }
  }

  /** Percent-encodes {@code s} for a query value or path segment (spaces as %20). */
  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
