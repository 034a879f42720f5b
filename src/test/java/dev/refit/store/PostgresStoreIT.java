package dev.refit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.testing.PostgresProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on a real PostgreSQL server: every behaviour of {@link StoreContract}, each test on a
 * database of its own, plus what only a server brings (logins, several Refits opening it at once).
 */
class PostgresStoreIT extends StoreContract {
  private static PostgresProcess postgres;

  @TempDir Path stateDir;
  private PostgresProcess.Login login;
  private final List<Database> opened = new ArrayList<>();

  @BeforeAll
  static void startServer() {
    postgres = PostgresProcess.start();
  }

  @AfterAll
  static void stopServer() {
    postgres.close();
  }

  @BeforeEach
  void newDatabase() {
    login = postgres.createDatabase();
  }

  private Database open(String parameters) {
    Database db = Database.open(stateDir, DatabaseUrl.parse(login.url() + parameters).withPassword(login.password()));
    opened.add(db);
    return db;
  }

  /** Their kept connections count against the server's max_connections, shared by every test. */
  @AfterEach
  void closeDatabases() {
    opened.forEach(Database::close);
    opened.clear();
  }

  @Override
  Database open() {
    return open("");
  }

  @Test
  void keepsNoFileButTheLockInTheStateDirectory() {
    Database db = open();
    assertThat(db.directory()).isEqualTo(stateDir);
    assertThat(db).hasToString(login.url());
    assertThat(stateDir).isEmptyDirectory();
  }

  @Test
  void aWrongPasswordIsReportedWithoutAnyPassword() {
    DatabaseUrl wrong = DatabaseUrl.parse(login.url()).withPassword("not-" + login.password());
    assertThatThrownBy(() -> Database.open(stateDir, wrong))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("cannot open the state database " + login.url() + ": ")
        .hasMessageContaining("password authentication failed")
        .hasMessageNotContaining(login.password());
  }

  @Test
  void installationsShareAServerWithASchemaEach() throws Exception {
    try (Connection c = open().connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA host_a");
      s.execute("CREATE SCHEMA host_b");
    }
    new UpdateHistory(open("?currentSchema=host_a")).record(entry("web", UpdateOutcome.APPLIED));
    assertThat(new UpdateHistory(open("?currentSchema=host_a")).count()).isOne();
    assertThat(new UpdateHistory(open("?currentSchema=host_b")).count()).isZero();
    assertThat(new UpdateHistory(open()).count()).isZero();
  }

  @Test
  void refitsOpeningANewDatabaseAtOnceMigrateItOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Database>> opened = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        opened.add(pool.submit(() -> open()));
      }
      for (Future<Database> f : opened) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    migrationsRunOnceUnderTheirVersionsAndNames();
  }
}
