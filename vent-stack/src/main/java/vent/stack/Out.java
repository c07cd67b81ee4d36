package vent.stack;

/** The launcher's output: {@code vent: ...} lines, warnings and errors on stderr. */
final class Out {

  private Out() {}

  static void say(String text) {
    System.out.println("vent: " + text);
    System.out.flush();
  }

  static void warn(String text) {
    System.err.println("vent: WARNING: " + text);
  }

  static void error(String text) {
    System.err.println("vent: error: " + text);
  }

  /** Ends the command with exit code 1 after printing {@code vent: error: text}. */
  static Failure die(String text) {
    return new Failure(text);
  }

  static String seconds(long millis) {
    return String.format("%d.%d", millis / 1000, (millis % 1000) / 100);
  }

  /** A command that cannot go on; its message is printed as {@code vent: error: ...}. */
  static final class Failure extends RuntimeException {
    final int exitCode;

    Failure(String message) {
      this(message, 1);
    }

    Failure(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }
  }
}
