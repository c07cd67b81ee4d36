package vent.provider.post.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code @username} mentions of a text: "@" not preceded by a letter, digit, "_" or "@", then 1
 * to 30 characters of {@code [A-Za-z0-9_]} not followed by another such character (a longer run is
 * not a username, and "bob@example" is no mention). Usernames are case-insensitive, so they are
 * lower-cased.
 */
public final class Mentions {

  /** Most distinct users one vent mentions; further mentions stay plain text. */
  public static final int MAX = 10;

  private static final Pattern MENTION =
      Pattern.compile("(?<![\\p{L}\\p{N}_@])@([A-Za-z0-9_]{1,30})(?![A-Za-z0-9_])");

  private Mentions() {}

  /**
   * @return the distinct mentioned usernames, lower-case, in order of first mention, at most
   *     {@value #MAX}
   */
  public static List<String> usernames(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = MENTION.matcher(text);
    while (m.find() && names.size() < MAX) {
      names.add(m.group(1).toLowerCase(Locale.ROOT));
    }
    return new ArrayList<>(names);
  }
}
