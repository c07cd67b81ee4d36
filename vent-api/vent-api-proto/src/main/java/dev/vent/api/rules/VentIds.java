package dev.vent.api.rules;

import dev.vent.common.v1.Format;

/**
 * What a vent id looks like, for every side: the {@code VENT_ID} format of {@code
 * vent/common/v1/rules.proto}, its author's user id ({@link UserIds}), {@code "-"}, and 1 to 13
 * characters of {@code [0-9a-z]}, as {@code vent.post.v1.PostService} issues them (e.g. {@code
 * "1042-3k9x0q2m1z7a"}). The author's part places a vent on its author's Redis slot, so the id
 * alone finds it and names its author.
 */
public final class VentIds {

  private VentIds() {}

  /**
   * @param id a candidate id, may be {@code null}
   * @return whether {@code id} has the shape of a vent id; says nothing about whether it exists
   */
  public static boolean isWellFormed(String id) {
    return Formats.matches(Format.VENT_ID, id);
  }

  /**
   * @param ventId a well-formed vent id ({@link #isWellFormed})
   * @return the user id of its author
   */
  public static String authorOf(String ventId) {
    return ventId.substring(0, ventId.indexOf('-'));
  }

  /**
   * @return whether {@code ventId} is a well-formed vent id whose author is {@code authorId}
   */
  public static boolean isOf(String ventId, String authorId) {
    return isWellFormed(ventId) && authorOf(ventId).equals(authorId);
  }
}
