package vent.stack;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Owner-only files of the state dir, replaced atomically (write {@code .new}, then rename). */
final class StateFiles {

  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

  private StateFiles() {}

  /** Writes {@code text} to {@code file} (mode 600) through a temporary sibling. */
  static void write(Path file, String text) throws IOException {
    Files.writeString(privateTemp(file), text);
    moveInto(file);
  }

  /** An empty owner-only {@code <file>.new}. */
  static Path privateTemp(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".new");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(FILE));
    return tmp;
  }

  static void moveInto(Path file) throws IOException {
    Files.move(
        file.resolveSibling(file.getFileName() + ".new"),
        file,
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  static void ownerOnly(Path file) throws IOException {
    Files.setPosixFilePermissions(file, FILE);
  }

  static void directory(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, DIR);
  }

  /**
   * Removes group and other permissions from everything under {@code dir} (chmod -R go-rwx). The
   * tree may be live: Consul replaces its check-state files and logs rotate while it is walked, so
   * an entry that vanishes between being listed and being read is skipped, not an error.
   */
  static void ownerOnlyTree(Path dir) throws IOException {
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs)
              throws IOException {
            return restrict(d);
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            return attrs.isSymbolicLink() ? FileVisitResult.CONTINUE : restrict(file);
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            return vanished(e);
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            return e == null ? FileVisitResult.CONTINUE : vanished(e);
          }
        });
  }

  private static FileVisitResult restrict(Path p) throws IOException {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
      if (perms.removeIf(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
        Files.setPosixFilePermissions(p, perms);
      }
    } catch (NoSuchFileException replacedMeanwhile) {
      // Renamed over or rotated away since it was listed: its successor has its own mode.
    }
    return FileVisitResult.CONTINUE;
  }

  private static FileVisitResult vanished(IOException e) throws IOException {
    if (e instanceof NoSuchFileException) {
      return FileVisitResult.CONTINUE;
    }
    throw e;
  }
}
