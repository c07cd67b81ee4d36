package vent.provider.relation.domain;

import vent.common.error.VentException;
import vent.relation.v1.ErrorReason;

/** Page sizes of list calls: 1 to 100 entries, 0 meaning the default of 20. */
public final class PageLimit {

  public static final int DEFAULT = 20;
  public static final int MAX = 100;

  private PageLimit() {}

  /**
   * @param requested the request's {@code limit}
   * @return the effective page size, 1 to {@value #MAX}
   * @throws VentException INVALID_ARGUMENT / INVALID_LIMIT if {@code requested} is negative or
   *     above {@value #MAX}
   */
  public static int resolve(int requested) {
    if (requested == 0) {
      return DEFAULT;
    }
    if (requested < 0 || requested > MAX) {
      throw VentException.invalid(ErrorReason.INVALID_LIMIT.name(), "limit must be 0 (default 20) to " + MAX + ", got " + requested);
    }
    return requested;
  }
}
