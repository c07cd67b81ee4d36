package vent.web.errors;

/** Looks through an exception's cause chain. */
final class Causes {

  private Causes() {}

  /** The first throwable of {@code type} in the chain starting at {@code t}, or null. */
  static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
