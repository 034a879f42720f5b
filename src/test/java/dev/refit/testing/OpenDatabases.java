package dev.refit.testing;

import dev.refit.store.Database;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The state databases a test opens, each as a restarted server or a second process would (a new
 * {@link Database} on the same directory), closed together when the test ends: hold it in an
 * {@code @AutoClose} field. See {@link StateFilesClosed} for why they must be closed.
 */
public final class OpenDatabases implements AutoCloseable {
  private final List<Database> opened = new CopyOnWriteArrayList<>();

  public Database open(Path directory) {
    Database db = Database.open(directory);
    opened.add(db);
    return db;
  }

  @Override
  public void close() {
    opened.forEach(Database::close);
    opened.clear();
  }
}
