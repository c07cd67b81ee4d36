package vent.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code logs [NAME...]}: the current log files of the named processes, one a line; the shell then
 * follows them with {@code tail -F} (which follows a log across rotations) in its own process, so
 * that Ctrl-C or a kill of {@code ./vent logs} ends it.
 */
@Command(
    name = "logs",
    description = "Follow the logs: all, or NAME = consul, redis, web, user-1, or a provider.")
final class Logs implements Callable<Integer> {

  @Parameters(arity = "0..*", paramLabel = "NAME")
  List<String> names = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    Context c = Context.load(false);
    Path dir = c.settings.logDir();
    List<Path> all = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(p -> p.toString().endsWith(".log")).sorted().forEach(all::add);
      }
    }
    List<Path> files = new ArrayList<>();
    if (names.isEmpty()) {
      files.addAll(all);
    }
    for (String name : names) {
      List<Path> found =
          all.stream()
              .filter(
                  p -> {
                    String f = p.getFileName().toString();
                    return f.equals(name + ".log")
                        || f.matches(java.util.regex.Pattern.quote(name) + "-[0-9]+\\.log");
                  })
              .toList();
      if (found.isEmpty()) {
        throw Out.die(
            "no log for '"
                + name
                + "' in "
                + dir
                + " (there are: "
                + String.join(" ", all.stream().map(p -> p.getFileName().toString()).toList())
                + ")");
      }
      files.addAll(found);
    }
    if (files.isEmpty()) {
      throw Out.die("no logs in " + dir + " yet");
    }
    files.forEach(System.out::println);
    return 0;
  }
}
