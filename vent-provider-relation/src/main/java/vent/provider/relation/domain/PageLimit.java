package vent.provider.relation.domain;

import dev.vent.relation.v1.ErrorReason;
import java.util.function.IntSupplier;
import vent.common.error.VentException;

/**
 * Page sizes of list calls: 1 to the largest page in force, 0 meaning the default of 20. The
 * largest page comes from the global configuration ({@code paging.page-size-max}) and is read on
 * each call, so a change applies without a restart.
 */
public final class PageLimit {

  /** Page size when the request gives none (0). */
  public static final int DEFAULT = 20;

  /** The largest page unless configured otherwise. */
  public static final int MAX = 100;

  private final IntSupplier max;

  private PageLimit(IntSupplier max) {
    this.max = max;
  }

  /**
   * @param max the largest page size, read on each call; must always supply at least 1
   */
  public static PageLimit upTo(IntSupplier max) {
    return new PageLimit(max);
  }

  /**
   * @return a limit of 1 to {@code max}, fixed
   */
  public static PageLimit fixed(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("the largest page must be at least 1");
    }
    return new PageLimit(() -> max);
  }

  /**
   * @param requested the request's {@code limit}
   * @return the effective page size, 1 to the largest page; {@value #DEFAULT} for 0, unless the
   *     largest page is smaller
   * @throws VentException INVALID_ARGUMENT / INVALID_LIMIT if {@code requested} is negative or
   *     above the largest page
   */
  public int resolve(int requested) {
    int largest = max.getAsInt();
    if (requested == 0) {
      return Math.min(DEFAULT, largest);
    }
    if (requested < 0 || requested > largest) {
      throw VentException.invalid(
          ErrorReason.INVALID_LIMIT.name(),
          "limit must be 0 (default "
              + Math.min(DEFAULT, largest)
              + ") to "
              + largest
              + ", got "
              + requested);
    }
    return requested;
  }
}
