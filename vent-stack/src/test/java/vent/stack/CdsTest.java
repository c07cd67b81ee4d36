package vent.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdsTest {

  private static final FileTime BUILT = FileTime.fromMillis(1_700_000_000_000L);
  private static final FileTime REBUILT = FileTime.fromMillis(1_700_000_600_000L);

  @TempDir Path dir;
  private Path jar;
  private Path ventLib;
  private Path thirdParty;
  private final String java = ProcessHandle.current().info().command().orElse("/bin/sh");

  @BeforeEach
  void build() throws Exception {
    jar = write(dir.resolve("vent-provider-user.jar"), "classes", BUILT);
    ventLib = write(dir.resolve("lib/vent-common-1.0.0-SNAPSHOT.jar"), "common", BUILT);
    thirdParty = write(dir.resolve("lib/netty-4.2.jar"), "netty", BUILT);
  }

  @Test
  void theArchiveWrittenBeforeAReproducibleRebuildIsUsedAfterIt() throws Exception {
    Path fresh = writeArchive();

    // A rebuild writes the same bytes with a new time; the JVM would refuse the archive.
    write(jar, "classes", REBUILT);
    write(ventLib, "common", REBUILT);

    Path archive = fresh.resolveSibling(fresh.getFileName().toString().replace(".new", ""));
    assertThat(Cds.options(jar, true, java)).containsExactly("-XX:SharedArchiveFile=" + archive);
    assertThat(Files.getLastModifiedTime(jar)).isEqualTo(BUILT);
    assertThat(Files.getLastModifiedTime(ventLib)).isEqualTo(BUILT);
    assertThat(Cds.options(jar, false, java)).containsExactly("-XX:SharedArchiveFile=" + archive);
  }

  @Test
  void aChangedClassMeansANewArchiveAndTheOldOneIsRemoved() throws Exception {
    String before = "-XX:ArchiveClassesAtExit=" + writeArchive();
    assertThat(Cds.options(jar, true, java)).hasSize(1);

    write(ventLib, "common, changed", REBUILT);

    assertThat(Cds.options(jar, false, java)).isEmpty();
    List<String> writer = Cds.options(jar, true, java);
    assertThat(writer.get(0)).startsWith("-XX:ArchiveClassesAtExit=").isNotEqualTo(before);
    assertThat(Files.getLastModifiedTime(ventLib)).isEqualTo(REBUILT);
    try (var left = Files.list(dir.resolve("cds"))) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .allMatch(n -> writer.get(0).contains(n.replace(".times", "")));
    }
  }

  @Test
  void aNewThirdPartyJarMeansANewArchive() throws Exception {
    writeArchive();
    assertThat(Cds.options(jar, true, java)).hasSize(1);

    write(thirdParty, "netty", REBUILT);

    assertThat(Cds.options(jar, false, java)).isEmpty();
  }

  @Test
  void aSecondWriterOfTheSameBuildRunsWithTheFirstOnesTimes() throws Exception {
    String first = Cds.options(jar, true, java).get(0);

    write(jar, "classes", REBUILT);

    assertThat(Cds.options(jar, true, java).get(0)).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(jar)).isEqualTo(BUILT);
  }

  @Test
  void aRestartedWriterUsesTheArchiveItsEarlierExitWrote() throws Exception {
    String option = Cds.options(jar, true, java).get(0);
    Path fresh = file(option);
    String prelude = Cds.restartPrelude(option).orElseThrow();
    assertThat(Cds.restartPrelude("-Xmx64m")).isEmpty();

    assertThat(shell(prelude + "echo \"$cds\"")).isEqualTo(option);
    dump(fresh);
    assertThat(shell(prelude + "echo \"$cds\"")).isEqualTo("-XX:SharedArchiveFile=" + fresh);
  }

  /** The writer's start with no archive yet, then its exit's dump. */
  private Path writeArchive() throws Exception {
    List<String> writer = Cds.options(jar, true, java);
    assertThat(writer.get(0)).startsWith("-XX:ArchiveClassesAtExit=").endsWith(".jsa.new");
    return dump(file(writer.get(0)));
  }

  /** The file a {@code -XX:...=<file>} option names. */
  private static Path file(String option) {
    return Path.of(option.substring(option.indexOf('=') + 1));
  }

  /** What the JVM's dump at exit leaves: a non-empty archive file. */
  private static Path dump(Path fresh) throws Exception {
    return Files.writeString(fresh, "archive");
  }

  private static Path write(Path file, String content, FileTime time) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, time);
    return file;
  }

  private static String shell(String script) throws Exception {
    Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor()).isZero();
    return out;
  }
}
