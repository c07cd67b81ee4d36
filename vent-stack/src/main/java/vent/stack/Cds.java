package vent.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Class-data sharing: a dynamic AppCDS archive per jar saves about 40% of a JVM's start-up CPU
 * (docs/BENCHMARKS.md). Instance 1 of each application (and vent-web) writes {@code
 * <module>/target/cds/<jar>.<stamp>.jsa.new} when it exits, i.e. on {@code down}; the next {@code
 * up} renames it into use and every instance maps it read-only. The stamp covers the JDK, the jar
 * and its {@code lib/} folder: a rebuild or another JDK means a new archive, never a stale one.
 */
final class Cds {

  private Cds() {}

  /** The JVM options for {@code jar}: use an archive, or (the writer only) write one at exit. */
  static List<String> options(Path jar, boolean writer, String java) {
    List<String> out = new ArrayList<>();
    Path dir = jar.resolveSibling("cds");
    String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
    Path archive = dir.resolve(base + "." + stamp(jar, java) + ".jsa");
    Path fresh = dir.resolveSibling("cds").resolve(archive.getFileName() + ".new");
    try {
      Files.createDirectories(dir);
      // Only the writer's own next start may take a new archive: it is certainly not running.
      if (writer && Files.isRegularFile(fresh) && Files.size(fresh) > 0) {
        Files.move(fresh, archive, StandardCopyOption.REPLACE_EXISTING);
      }
      if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
        out.add("-XX:SharedArchiveFile=" + archive);
      } else if (writer) {
        try (Stream<Path> old = Files.list(dir)) {
          for (Path p : old.toList()) {
            String n = p.getFileName().toString();
            if (n.startsWith(base + ".") && !n.startsWith(archive.getFileName().toString())) {
              Files.deleteIfExists(p);
            }
          }
        }
        out.add("-XX:ArchiveClassesAtExit=" + fresh);
        // The dump warns about every class it cannot archive: noise.
        out.add("-Xlog:cds=error,cds+dynamic=error");
      }
    } catch (IOException e) {
      return List.of();
    }
    return out;
  }

  private static String stamp(Path jar, String java) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(Path.of(java).toRealPath().toString().getBytes(StandardCharsets.UTF_8));
      List<Path> files = new ArrayList<>(List.of(jar));
      Path lib = jar.resolveSibling("lib");
      if (Files.isDirectory(lib)) {
        try (Stream<Path> all = Files.list(lib)) {
          all.sorted().forEach(files::add);
        }
      }
      for (Path f : files) {
        String line =
            f + " " + Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis() + "\n";
        md.update(line.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 12);
    } catch (Exception e) {
      return "unknown";
    }
  }
}
