package vent.web.cli;

import dev.vent.relation.v1.RelationService;
import dev.vent.user.v1.UserService;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import vent.common.dubbo.DubboNode;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;
import vent.web.VentWebConfiguration;
import vent.web.rpc.RelationClient;
import vent.web.rpc.UserClient;

/**
 * {@code java -jar vent-web.jar import CONFIG FILE}: imports a SNAP edge list (see {@link
 * EdgeListParser}) through the user and relation providers, with progress bars on stderr and one
 * summary line on stdout ({@link GraphImport.Summary#line()}). Exit code 0 on success, 1 on a
 * malformed line (named by number), an unreadable file or a failed batch; running it again resumes
 * (both RPCs are idempotent).
 *
 * <p>Runs its own Dubbo consumer ({@code vent-web-import}), with the long {@code
 * rpc.importTimeoutMs} and no automatic retries: a retried bulk call that had in fact succeeded
 * would make the created counts wrong.
 */
public final class ImportCommand extends ConfiguredCommand<VentWebConfiguration> {

  static final int USER_BATCH = 1000;
  static final int EDGE_BATCH = 5000;
  static final int IN_FLIGHT = 2;

  public ImportCommand() {
    super(
        "import",
        "Imports a SNAP edge list (\"A B\" per line: A follows B; users u<node>) through the providers");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser
        .addArgument("edges")
        .metavar("FILE")
        .help("SNAP edge list: # comments, then \"A B\" per line");
  }

  @Override
  protected void run(
      Bootstrap<VentWebConfiguration> bootstrap, Namespace namespace, VentWebConfiguration config)
      throws Exception {
    Path file = Path.of(namespace.getString("edges"));
    if (!Files.isReadable(file) || Files.isDirectory(file)) {
      throw new ImportFailedException("cannot read " + file);
    }
    // First: Dubbo reads its JVM-wide settings when first touched. Without Sentinel: its first
    // guarded call would start Sentinel's transport, whose command port would clash with the
    // running vent-web's.
    DubboNode node = new DubboNode("vent-web-import", config.registry, config.loopbackOnly, false);
    // EnsureUsers and BatchFollow take vent-web as their caller: the import calls as vent-web.
    node.callers(config.callers);
    var userRef = node.refer(UserService.class, config.rpc.importTimeoutMs, 0, Set.of());
    var relationRef = node.refer(RelationService.class, config.rpc.importTimeoutMs, 0, Set.of());
    node.start();
    try {
      GraphImport graphImport =
          new GraphImport(
              new UserClient(userRef.get()),
              new RelationClient(relationRef.get()),
              USER_BATCH,
              EDGE_BATCH,
              IN_FLIGHT,
              true);
      GraphImport.Summary summary = graphImport.run(file);
      System.out.println(summary.line());
      System.out.flush();
    } finally {
      node.stop();
    }
  }

  /** Known failures get one clear line on stderr instead of a stack trace. */
  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    if (e instanceof EdgeListParser.MalformedLineException || e instanceof ImportFailedException) {
      cli.getStdErr().println("import failed: " + e.getMessage());
    } else if (e instanceof VentException ve) {
      cli.getStdErr()
          .println(
              "import failed: "
                  + ve.reason()
                  + ": "
                  + ve.detail()
                  + (ve.kind() == ErrorKind.UNAVAILABLE
                      ? " (the import is idempotent: run it again to resume)"
                      : ""));
    } else {
      super.onError(cli, namespace, e);
    }
  }

  /** The import cannot start or go on, for a reason one line explains. */
  static final class ImportFailedException extends RuntimeException {
    ImportFailedException(String message) {
      super(message);
    }
  }
}
