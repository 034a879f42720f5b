package dev.refit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several Refits opening the same brand-new state directory at the same moment (a daemon and a
 * person's first `refit update`): each finds the schema complete, none fails on a table another
 * one created a moment before.
 */
class ConcurrentMigrationTest {
  @TempDir Path dir;

  @Test
  void refitsOpeningANewDatabaseAtOnceAllSucceed() throws Exception {
    int openers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(openers);
    try {
      for (int round = 0; round < 30; round++) {
        Path state = Files.createDirectories(dir.resolve("round-" + round));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Database>> opened = new ArrayList<>();
        for (int i = 0; i < openers; i++) {
          opened.add(
              pool.submit(
                  () -> {
                    go.await();
                    return Database.open(state);
                  }));
        }
        go.countDown();
        for (Future<Database> f : opened) {
          try (Database db = f.get(60, TimeUnit.SECONDS)) {
            assertThat(new UpdateHistory(db).page(0, 10)).isEmpty();
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
