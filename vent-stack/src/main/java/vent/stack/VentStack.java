package vent.stack;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The launcher behind {@code ./vent}: every command that works on a stack. The shell installs what
 * is missing and hands over to this class; docs/LAUNCHER.md describes the commands and variables.
 */
@Command(
    name = "./vent",
    mixinStandardHelpOptions = false,
    subcommands = {
      Up.class,
      Down.class,
      Status.class,
      Logs.class,
      Import.class,
      Migrate.class,
      Rules.class,
      Help.class
    },
    description = "Start, stop and inspect a Vent stack (stack/local.yml).")
public final class VentStack implements Runnable {

  @Override
  public void run() {
    new CommandLine(new Help()).execute();
  }

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new VentStack());
    cli.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          if (e instanceof Out.Failure f) {
            if (f.getMessage() != null) {
              Out.error(f.getMessage());
            }
            return f.exitCode;
          }
          throw e;
        });
    cli.setParameterExceptionHandler(
        (e, a) -> {
          new PrintWriter(System.err, true).println("vent: error: " + e.getMessage());
          return 2;
        });
    System.exit(cli.execute(args));
  }
}
