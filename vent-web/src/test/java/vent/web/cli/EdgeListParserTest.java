package vent.web.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vent.web.cli.EdgeListParser.Edge;

class EdgeListParserTest {

  private static List<Edge> parse(String text) throws IOException {
    List<Edge> edges = new ArrayList<>();
    long count = EdgeListParser.parse(new BufferedReader(new StringReader(text)), edges::add);
    assertThat(count).isEqualTo(edges.size());
    return edges;
  }

  @Test
  void readsTabSeparatedCrlfLinesAfterComments() throws IOException {
    String text =
        "# Directed graph: Wiki-Vote.txt \r\n# FromNodeId\tToNodeId\r\n30\t1412\r\n30\t3352\r\n";
    assertThat(parse(text)).containsExactly(new Edge("30", "1412", 3), new Edge("30", "3352", 4));
  }

  @Test
  void acceptsSpacesMixedWhitespaceBlankLinesAndNoFinalNewline() throws IOException {
    String text = "1 2\n\n   \n3  \t 4\n  # indented comment\n5 6";
    assertThat(parse(text))
        .containsExactly(new Edge("1", "2", 1), new Edge("3", "4", 4), new Edge("5", "6", 6));
  }

  @Test
  void ignoresAByteOrderMark() throws IOException {
    assertThat(parse("\uFEFF# c\n7 8\n")).containsExactly(new Edge("7", "8", 2));
  }

  @Test
  void emptyAndCommentOnlyFilesHaveNoEdges() throws IOException {
    assertThat(parse("")).isEmpty();
    assertThat(parse("# nothing\r\n\r\n")).isEmpty();
  }

  @Test
  void aLineWithThreeColumnsFailsWithItsNumber() {
    assertThatThrownBy(() -> parse("# c\n1 2\n3 4 5\n6 7\n"))
        .isInstanceOfSatisfying(
            EdgeListParser.MalformedLineException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.getMessage()).startsWith("line 3: ").contains("\"3 4 5\"");
            });
  }

  @Test
  void aLineWithOneColumnFails() {
    assertThatThrownBy(() -> parse("1 2\r\n42\r\n")).hasMessageStartingWith("line 2: ");
  }

  @Test
  void nonNumericOrOverlongNodeIdsFail() {
    assertThatThrownBy(() -> parse("1 two\n"))
        .hasMessage("line 1: node id must be 1-29 decimal digits, got \"two\"");
    assertThatThrownBy(() -> parse("-1 2\n")).hasMessageStartingWith("line 1: node id");
    assertThatThrownBy(() -> parse("1 " + "9".repeat(30) + "\n"))
        .hasMessageStartingWith("line 1: node id");
  }

  @Test
  void controlCharactersAreShownEscaped() {
    assertThatThrownBy(() -> parse("1 2\u0007\n")).hasMessageContaining("\\u0007");
  }

  @Test
  void edgesBeforeAMalformedLineAreDelivered() {
    List<Edge> edges = new ArrayList<>();
    assertThatThrownBy(
            () ->
                EdgeListParser.parse(
                    new BufferedReader(new StringReader("1 2\n3 4\nx\n")), edges::add))
        .isInstanceOf(EdgeListParser.MalformedLineException.class);
    assertThat(edges).hasSize(2);
  }

  @Test
  void usernameOfANodeIsUPlusTheNode() {
    assertThat(EdgeListParser.username("1412")).isEqualTo("u1412");
  }
}
