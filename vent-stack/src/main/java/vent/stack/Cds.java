package vent.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Class-data sharing: a dynamic AppCDS archive per jar saves about 40% of a JVM's start-up CPU
 * (docs/BENCHMARKS.md). Instance 1 of each application (and vent-web) writes {@code
 * <module>/target/cds/<jar>.<stamp>.jsa.new} when it exits, i.e. on {@code down}; the next {@code
 * up} renames it into use and every instance maps it read-only.
 *
 * <p>The stamp covers the JDK and every file of the class path (the jar and its {@code lib/}
 * folder): another JDK, another dependency or a changed class means a new archive, never a stale
 * one. The JVM also refuses an archive whose class-path files have another modification time than
 * when it was written, and a rebuild rewrites Vent's own jars ({@code vent-*}) with identical bytes
 * (the build is reproducible: {@code project.build.outputTimestamp}) but a new time. So the stamp
 * takes the content of those jars, not their time, and the times the archive was written with are
 * kept beside it ({@code .jsa.times}) and given back to the rebuilt files before the archive is
 * used.
 */
final class Cds {

  private static final String WRITE = "-XX:ArchiveClassesAtExit=";
  private static final String USE = "-XX:SharedArchiveFile=";

  private Cds() {}

  /** The JVM options for {@code jar}: use an archive, or (the writer only) write one at exit. */
  static List<String> options(Path jar, boolean writer, String java) {
    Path dir = jar.resolveSibling("cds");
    String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
    try {
      List<Path> classPath = classPath(jar);
      Path archive = dir.resolve(base + "." + stamp(jar, classPath, java) + ".jsa");
      Path fresh = dir.resolve(archive.getFileName() + ".new");
      Files.createDirectories(dir);
      // Only the writer's own next start may take a new archive: it is certainly not running.
      if (writer && nonEmpty(fresh) && Files.isRegularFile(times(fresh))) {
        Files.move(times(fresh), times(archive), StandardCopyOption.REPLACE_EXISTING);
        Files.move(fresh, archive, StandardCopyOption.REPLACE_EXISTING);
      }
      if (nonEmpty(archive) && restoreTimes(jar, times(archive))) {
        return List.of(USE + archive);
      }
      if (!writer) {
        return List.of();
      }
      try (Stream<Path> old = Files.list(dir)) {
        for (Path p : old.toList()) {
          String n = p.getFileName().toString();
          if (n.startsWith(base + ".") && !n.startsWith(archive.getFileName().toString())) {
            Files.deleteIfExists(p);
          }
        }
      }
      // Another writer of the same stamp (a stack beside this one) may already be running: all of
      // them must run with the times that the archive will be used with.
      if (!restoreTimes(jar, times(fresh))) {
        recordTimes(jar, classPath, times(fresh));
      }
      // The dump warns about every class it cannot archive: noise.
      return List.of(WRITE + fresh, "-Xlog:cds=error,cds+dynamic=error");
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * For the writer's option, the {@code /bin/sh} lines that choose it anew at each start of the
   * process: once an earlier exit has written the archive (supervisord restarting the writer), the
   * process uses it instead of paying for a second dump at its next exit. The chosen option is in
   * {@code $cds}.
   *
   * @param option one JVM option of a command
   * @return the shell prelude, or empty when {@code option} is not the writer's
   */
  static Optional<String> restartPrelude(String option) {
    if (!option.startsWith(WRITE)) {
      return Optional.empty();
    }
    String fresh = SupervisorConf.quote(option.substring(WRITE.length()));
    String write = SupervisorConf.quote(option);
    String use = SupervisorConf.quote(USE + option.substring(WRITE.length()));
    return Optional.of("cds=" + write + "; if test -s " + fresh + "; then cds=" + use + "; fi; ");
  }

  private static boolean nonEmpty(Path p) throws IOException {
    return Files.isRegularFile(p) && Files.size(p) > 0;
  }

  private static Path times(Path archive) {
    return archive.resolveSibling(archive.getFileName() + ".times");
  }

  /** The jar, then {@code lib/}'s files by name: the order of the stamp and the times file. */
  private static List<Path> classPath(Path jar) throws IOException {
    List<Path> files = new ArrayList<>(List.of(jar));
    Path lib = jar.resolveSibling("lib");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> all = Files.list(lib)) {
        all.sorted().forEach(files::add);
      }
    }
    return files;
  }

  /** Vent's own jars, which every build rewrites. Third-party jars keep their time. */
  private static boolean rebuilt(Path jar, Path file) {
    return file.equals(jar) || file.getFileName().toString().startsWith("vent-");
  }

  private static String stamp(Path jar, List<Path> classPath, String java) throws IOException {
    MessageDigest md = sha256();
    md.update(Path.of(java).toRealPath().toString().getBytes(StandardCharsets.UTF_8));
    for (Path f : classPath) {
      String identity =
          rebuilt(jar, f)
              ? contentHash(f)
              : String.valueOf(Files.getLastModifiedTime(f).toMillis());
      String line = jar.getParent().relativize(f) + " " + Files.size(f) + " " + identity + "\n";
      md.update(line.getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(md.digest()).substring(0, 12);
  }

  private static String contentHash(Path f) throws IOException {
    MessageDigest md = sha256();
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(f)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** One line per rebuilt file: its modification time (ms) and its path relative to the jar's. */
  private static void recordTimes(Path jar, List<Path> classPath, Path to) throws IOException {
    StringBuilder out = new StringBuilder();
    for (Path f : classPath) {
      if (rebuilt(jar, f)) {
        out.append(Files.getLastModifiedTime(f).toMillis())
            .append(' ')
            .append(jar.getParent().relativize(f))
            .append('\n');
      }
    }
    Files.writeString(to, out);
  }

  /**
   * Gives the rebuilt files the times the archive was written with (their content is the same, as
   * the stamp says).
   *
   * @return false when there is no times file or it is not one this class wrote: the archive is not
   *     used
   */
  private static boolean restoreTimes(Path jar, Path from) throws IOException {
    if (!Files.isRegularFile(from)) {
      return false;
    }
    for (String line : Files.readAllLines(from)) {
      int space = line.indexOf(' ');
      if (space < 1) {
        return false;
      }
      long millis;
      try {
        millis = Long.parseLong(line.substring(0, space));
      } catch (NumberFormatException e) {
        return false;
      }
      Path f = jar.resolveSibling(line.substring(space + 1));
      if (Files.isRegularFile(f) && Files.getLastModifiedTime(f).toMillis() != millis) {
        Files.setLastModifiedTime(f, FileTime.fromMillis(millis));
      }
    }
    return true;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }
}
