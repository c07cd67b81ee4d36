package vent.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code help}: the commands and every environment variable. */
@Command(name = "help", description = "This text.")
final class Help implements Callable<Integer> {

  @Override
  public Integer call() throws IOException {
    try (InputStream in = Help.class.getResourceAsStream("help.txt")) {
      System.out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    return 0;
  }
}
