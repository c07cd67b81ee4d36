package vent.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -cp vent-bench.jar:lib/* vent.bench.report.ReportCommand RUN_DIR}: reads what {@code
 * bench/run.sh} left in {@code RUN_DIR/raw/} and writes {@code results.json}, {@code summary.md}
 * and {@code chart.png} beside it, then prints the targets and ratios. Exit code 0 whether or not
 * the targets are met (a benchmark reports; it does not gate), 2 on a missing or unreadable run
 * directory.
 */
public final class ReportCommand {

  private ReportCommand() {}

  /**
   * @param args the run directory
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1 || !Files.isDirectory(Path.of(args[0], "raw"))) {
      System.err.println(
          "usage: ReportCommand RUN_DIR (a bench/results/<time> directory with raw/ inside)");
      System.exit(2);
    }
    Path run = Path.of(args[0]);
    Figures figures = write(run);
    System.out.println();
    System.out.println("Vent benchmark, " + run.getFileName() + ":");
    System.out.print(MarkdownSummary.targets(figures.targets(), figures.ratios()));
    System.out.println(
        "Full tables: " + run.resolve("summary.md") + "  chart: " + run.resolve("chart.png"));
  }

  /** Writes the three files for {@code run} and returns the figures. */
  static Figures write(Path run) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Figures figures = Figures.of(BenchRun.load(run, json));
    json.writeValue(run.resolve("results.json").toFile(), figures);
    Files.writeString(run.resolve("summary.md"), MarkdownSummary.of(figures));
    LatencyChart.write(figures, run.resolve("chart.png"));
    return figures;
  }
}
