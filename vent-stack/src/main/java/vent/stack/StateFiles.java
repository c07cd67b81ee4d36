package vent.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
   * tree may be live ({@link LiveTree}): an entry renamed over or rotated away since it was listed
   * is skipped; its successor has its own mode.
   */
  static void ownerOnlyTree(Path dir) throws IOException {
    for (Path p : LiveTree.paths(dir)) {
      if (Files.isSymbolicLink(p)) {
        continue;
      }
      try {
        Set<PosixFilePermission> perms =
            Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        if (perms.removeIf(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
          Files.setPosixFilePermissions(p, perms);
        }
      } catch (NoSuchFileException replacedMeanwhile) {
        // Listed, then renamed over or rotated away before its mode was read.
      }
    }
  }
}
