package vent.web.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads a SNAP-style edge list: lines starting with {@code #} are comments, blank lines are
 * skipped, every other line is {@code A B} (two node ids separated by spaces and/or tabs), meaning
 * "A follows B". Line ends may be LF or CRLF.
 *
 * <p>Node ids are 1-29 decimal digits, so that user {@code u<node>} fits the 30-character username
 * limit. Anything else fails the whole read with the line number: an import must not silently drop
 * edges.
 */
public final class EdgeListParser {

  private static final Pattern SEPARATOR = Pattern.compile("\\s+");
  private static final Pattern NODE = Pattern.compile("[0-9]{1,29}");

  /**
   * One edge of the file.
   *
   * @param from the follower's node id
   * @param to the followee's node id
   * @param line 1-based line number in the file
   */
  public record Edge(String from, String to, long line) {}

  /** A line that is neither a comment, blank, nor {@code A B}. */
  public static final class MalformedLineException extends RuntimeException {
    private final long line;

    MalformedLineException(long line, String why) {
      super("line " + line + ": " + why);
      this.line = line;
    }

    /** 1-based number of the offending line. */
    public long line() {
      return line;
    }
  }

  private EdgeListParser() {}

  /**
   * Streams the edges of {@code in} to {@code sink}, in file order.
   *
   * @return how many edges were read
   * @throws MalformedLineException at the first malformed line (edges before it were delivered)
   */
  public static long parse(BufferedReader in, Consumer<Edge> sink) throws IOException {
    long lineNumber = 0;
    long edges = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (lineNumber == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] ab = SEPARATOR.split(trimmed);
      if (ab.length != 2) {
        throw new MalformedLineException(
            lineNumber, "expected two node ids \"A B\", got " + quote(trimmed));
      }
      for (String node : ab) {
        if (!NODE.matcher(node).matches()) {
          throw new MalformedLineException(
              lineNumber, "node id must be 1-29 decimal digits, got " + quote(node));
        }
      }
      edges++;
      sink.accept(new Edge(ab[0], ab[1], lineNumber));
    }
    return edges;
  }

  /** The username of a node: {@code u<node>}. */
  public static String username(String node) {
    return "u" + node;
  }

  private static String quote(String text) {
    String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
    StringBuilder out = new StringBuilder("\"");
    shown
        .codePoints()
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.append('"').toString();
  }
}
