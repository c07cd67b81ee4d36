package vent.stack;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The paths under a running stack's state dir. Consul replaces its check-state files through
 * temporary siblings and logs rotate while the tree is walked, so an entry that vanishes between
 * being listed and being read is left out rather than failing the walk; any other I/O error still
 * fails it.
 */
public final class LiveTree {

  private LiveTree() {}

  /**
   * Every directory and file under {@code dir}, {@code dir} included; symbolic links not followed.
   */
  public static List<Path> paths(Path dir) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            found.add(d);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            found.add(file);
            return FileVisitResult.CONTINUE;
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
    return found;
  }

  private static FileVisitResult vanished(IOException e) throws IOException {
    if (e instanceof NoSuchFileException) {
      return FileVisitResult.CONTINUE;
    }
    throw e;
  }
}
