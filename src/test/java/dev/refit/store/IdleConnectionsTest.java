package dev.refit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdleConnectionsTest {
  @TempDir java.nio.file.Path dir;

  private final List<Connection> opened = new ArrayList<>();
  private final AtomicLong now = new AtomicLong();
  private IdleConnections pool;

  private IdleConnections pool() {
    String url = "jdbc:sqlite:" + dir.resolve("t.db");
    pool =
        new IdleConnections(
            () -> {
              Connection c = DriverManager.getConnection(url);
              opened.add(c);
              return c;
            },
            now::get);
    return pool;
  }

  @AfterEach
  void closeAll() throws SQLException {
    for (Connection c : opened) {
      c.close();
    }
  }

  @Test
  void aClosedConnectionIsHandedToTheNextCaller() throws SQLException {
    IdleConnections pool = pool();
    try (Connection c = pool.take(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (x INTEGER)");
    }
    try (Connection c = pool.take(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO t VALUES (1)");
    }
    assertThat(opened).hasSize(1);
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void callersAtTheSameTimeGetConnectionsOfTheirOwnAndAtMostFourWaitAfterwards() throws SQLException {
    IdleConnections pool = pool();
    List<Connection> held = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      held.add(pool.take());
    }
    assertThat(opened).hasSize(6);
    for (Connection c : held) {
      c.close();
    }
    assertThat(pool.size()).isEqualTo(IdleConnections.MAX_IDLE);
    assertThat(opened.stream().filter(IdleConnectionsTest::closed)).hasSize(2);
  }

  @Test
  void aTransactionLeftOpenIsRolledBackBeforeTheNextCallerSeesIt() throws SQLException {
    IdleConnections pool = pool();
    try (Connection c = pool.take(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (x INTEGER)");
    }
    try (Connection c = pool.take(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("INSERT INTO t VALUES (1)");
      // the caller throws here, before its commit
    }
    try (Connection c = pool.take();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
      assertThat(c.getAutoCommit()).isTrue();
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
    assertThat(opened).hasSize(1);
  }

  @Test
  void aConnectionGivenBackCannotBeUsedByItsFormerCallerAndClosesTwiceQuietly() throws SQLException {
    IdleConnections pool = pool();
    Connection c = pool.take();
    c.close();
    c.close();
    assertThat(c.isClosed()).isTrue();
    assertThatThrownBy(c::createStatement).isInstanceOf(SQLException.class).hasMessageContaining("closed");
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void aConnectionThatFailedAsAConnectionIsDroppedNotReused() throws SQLException {
    IdleConnections broken =
        new IdleConnections(
            () -> {
              Connection real = DriverManager.getConnection("jdbc:sqlite::memory:");
              opened.add(real);
              return (Connection)
                  java.lang.reflect.Proxy.newProxyInstance(
                      Connection.class.getClassLoader(),
                      new Class<?>[] {Connection.class},
                      (proxy, method, args) -> {
                        if (method.getName().equals("createStatement")) {
                          throw new SQLException("I/O error: connection reset", "08006");
                        }
                        return method.invoke(real, args);
                      });
            },
            now::get);
    try (Connection c = broken.take()) {
      assertThatThrownBy(c::createStatement).hasMessageContaining("connection reset");
    }
    assertThat(broken.size()).isZero();
    assertThat(closed(opened.get(0))).isTrue();
  }

  @Test
  void aConnectionIdleForLongIsCheckedAndReplacedWhenDead() throws SQLException {
    IdleConnections pool = pool();
    pool.take().close();
    opened.get(0).close(); // as a server that closed it meanwhile
    now.addAndGet(IdleConnections.CHECK_AFTER.toNanos() + 1);
    try (Connection c = pool.take(); Statement s = c.createStatement()) {
      s.execute("SELECT 1");
    }
    assertThat(opened).hasSize(2);
  }

  @Test
  void closingClosesTheWaitingConnectionsAndEveryOneGivenBackLater() throws SQLException {
    IdleConnections pool = pool();
    Connection held = pool.take();
    pool.take().close();
    pool.close();
    assertThat(closed(opened.get(1))).isTrue();
    held.close();
    assertThat(closed(opened.get(0))).isTrue();
    assertThat(pool.size()).isZero();
    try (Connection c = pool.take(); Statement s = c.createStatement()) {
      s.execute("SELECT 1");
    }
    assertThat(pool.size()).isZero();
  }

  private static boolean closed(Connection c) {
    try {
      return c.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }
}
