package vent.stack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/** Serialises up/down on one state dir ({@code run/.lock}); the second one waits up to 10 min. */
final class StateLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static StateLock take(Settings s) throws IOException, InterruptedException {
    StateFiles.directory(s.runDir());
    FileChannel ch =
        FileChannel.open(
            s.runDir().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = ch.tryLock();
    if (lock == null) {
      Out.say("waiting for another ./vent command on " + s.stateDir + " ...");
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while ((lock = ch.tryLock()) == null) {
        if (System.nanoTime() > deadline) {
          ch.close();
          throw Out.die("another ./vent command holds " + s.runDir().resolve(".lock"));
        }
        Thread.sleep(200);
      }
    }
    return new StateLock(ch, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
