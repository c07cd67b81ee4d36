package vent.examples.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * vent-api/README.md shows the sources of both examples as they are, so the two cannot drift apart.
 */
class ReadmeExampleTest {

  @Test
  void readmeShowsTheGrpcJavaExampleInFull() throws IOException {
    String source =
        Files.readString(Path.of("src/main/java/vent/examples/grpc/GrpcJavaExample.java"));
    assertThat(javaBlocks(Files.readString(Path.of("../README.md")))).contains(source);
  }

  @Test
  void readmeShowsTheDubboConsumerExampleInFull() throws IOException {
    String source =
        Files.readString(
            Path.of(
                "../vent-api-example-dubbo/src/main/java/vent/examples/dubbo/DubboConsumerExample.java"));
    assertThat(javaBlocks(Files.readString(Path.of("../README.md")))).contains(source);
  }

  /** The ```java fenced blocks of a Markdown text, each with its lines' line ends. */
  static List<String> javaBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    for (String line : markdown.split("\n", -1)) {
      if (block == null) {
        if (line.equals("```java")) {
          block = new StringBuilder();
        }
      } else if (line.equals("```")) {
        blocks.add(block.toString());
        block = null;
      } else {
        block.append(line).append('\n');
      }
    }
    return blocks;
  }
}
