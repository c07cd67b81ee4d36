package vent.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFilesTest {

  @TempDir Path dir;

  @Test
  void ownerOnlyTreeTakesGroupAndOtherPermissionsAway() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("logs"));
    Path log = Files.writeString(sub.resolve("web.log"), "line\n");
    Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-r--"));

    StateFiles.ownerOnlyTree(dir);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sub)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log)))
        .isEqualTo("rw-------");
  }

  /**
   * Consul writes each check's state to a temporary file and renames it into place; a heal walks
   * the state dir while that happens. The writer below does the same as fast as it can, so a walk
   * that fails on a file vanishing under it fails here within a few hundred walks.
   */
  @Test
  void ownerOnlyTreeSkipsFilesThatVanishWhileItWalks() throws Exception {
    Path checks = Files.createDirectories(dir.resolve("consul/checks/state"));
    for (int i = 0; i < 200; i++) {
      Files.writeString(checks.resolve("check-" + i), "passing");
    }
    AtomicBoolean stop = new AtomicBoolean();
    Thread consul =
        new Thread(
            () -> {
              long n = 0;
              while (!stop.get()) {
                Path tmp = checks.resolve("check-" + (n % 200) + ".tmp");
                try {
                  Files.writeString(tmp, "critical");
                  Files.move(
                      tmp,
                      checks.resolve("check-" + (n % 200)),
                      java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
                n++;
              }
            });
    consul.start();
    try {
      for (int walk = 0; walk < 500; walk++) {
        StateFiles.ownerOnlyTree(dir);
      }
    } finally {
      stop.set(true);
      consul.join();
    }
    assertThat(Files.list(checks).filter(p -> !p.toString().endsWith(".tmp")).count())
        .isEqualTo(200);
  }
}
