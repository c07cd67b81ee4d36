package vent.provider.post.domain;

import java.util.Locale;

/**
 * Who may see a vent (the visibility rule of {@code vent/post/v1/post.proto}): everyone, the
 * author's followers, or the users who follow the author and whom the author follows.
 */
public enum Audience {
  PUBLIC,
  FOLLOWERS,
  MUTUALS;

  /**
   * @return the lower-case name stored in Redis and carried by VentPosted ({@code public}, ...)
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param wireName a name as {@link #wireName()} returns it
   * @throws IllegalArgumentException for any other string
   */
  public static Audience fromWireName(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
