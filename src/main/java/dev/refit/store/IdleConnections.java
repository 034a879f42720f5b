package dev.refit.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Connections handed back by their callers, for the next one. Opening a connection is the dear
 * part of a short store call: SQLite's first connection to a WAL file rebuilds the WAL index, the
 * last one to close checkpoints and deletes the WAL (eight page writes and an unlink per call, on
 * the SD card of an edge device), and each runs the dialect's pragmas and reads the schema again;
 * PostgreSQL's costs a TCP connect and a login. A cycle makes a call per target (its sighting):
 * for 200 targets fresh connections took 0.3-0.6 s, reused ones 10-30 ms.
 *
 * <p>A caller gets a connection that goes back here on {@code close()}: rolled back if it was left
 * in a transaction, dropped instead if it failed as a connection. At most {@link #MAX_IDLE} wait;
 * one that waited longer than {@link #CHECK_AFTER} is checked before it is handed out again (a
 * PostgreSQL server may have closed it meanwhile).
 */
final class IdleConnections {
  static final int MAX_IDLE = 4;
  static final Duration CHECK_AFTER = Duration.ofSeconds(30);
  private static final int CHECK_TIMEOUT_SECONDS = 2;

  /** Opens a new connection, configured for the dialect. */
  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  private record Idle(Connection connection, long since) {}

  private final Opener opener;
  private final LongSupplier nanoTime;
  private final Deque<Idle> idle = new ArrayDeque<>();
  private boolean closed;

  IdleConnections(Opener opener, LongSupplier nanoTime) {
    this.opener = opener;
    this.nanoTime = nanoTime;
  }

  /** A connection for one caller, who closes it to give it back. */
  Connection take() throws SQLException {
    while (true) {
      Idle waiting;
      synchronized (idle) {
        // the most recently returned first: the likeliest to be alive, the others may expire
        waiting = idle.pollFirst();
      }
      if (waiting == null) {
        return lent(opener.open());
      }
      if (nanoTime.getAsLong() - waiting.since() < CHECK_AFTER.toNanos() || alive(waiting.connection())) {
        return lent(waiting.connection());
      }
      closeQuietly(waiting.connection());
    }
  }

  /**
   * Closes the waiting connections, and from now on every connection given back: SQLite's last
   * close checkpoints the WAL into the database file, so a copy of {@code refit.db} alone is whole.
   */
  void close() {
    List<Idle> waiting;
    synchronized (idle) {
      closed = true;
      waiting = List.copyOf(idle);
      idle.clear();
    }
    waiting.forEach(w -> closeQuietly(w.connection()));
  }

  /** How many connections wait to be reused (for tests). */
  int size() {
    synchronized (idle) {
      return idle.size();
    }
  }

  private static boolean alive(Connection connection) {
    try {
      return connection.isValid(CHECK_TIMEOUT_SECONDS);
    } catch (SQLException e) {
      return false;
    }
  }

  private void giveBack(Connection connection, boolean broken) {
    if (broken) {
      closeQuietly(connection);
      return;
    }
    try {
      if (connection.isClosed()) {
        return;
      }
      if (!connection.getAutoCommit()) {
        // a caller that threw between its writes and its commit: nothing of it may reach the next
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      closeQuietly(connection);
      return;
    }
    synchronized (idle) {
      if (!closed && idle.size() < MAX_IDLE) {
        idle.addFirst(new Idle(connection, nanoTime.getAsLong()));
        return;
      }
    }
    closeQuietly(connection);
  }

  private Connection lent(Connection connection) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new Lent(connection));
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // it is being dropped: nothing is left to lose
    }
  }

  /** The caller's view of one pooled connection, until it closes it. */
  private final class Lent implements InvocationHandler {
    private final Connection connection;
    private boolean returned;
    private boolean broken;

    Lent(Connection connection) {
      this.connection = connection;
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args)
        throws Throwable {
      switch (method.getName()) {
        case "close":
          if (!returned) {
            returned = true;
            giveBack(connection, broken);
          }
          return null;
        case "isClosed":
          return returned || connection.isClosed();
        case "equals":
          return args != null && proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return "pooled " + connection;
        default:
          if (returned) {
            throw new SQLException("this connection was closed (given back to the pool)");
          }
      }
      try {
        return method.invoke(connection, args);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        // SQLSTATE class 08: the connection itself failed (PostgreSQL gone, socket reset)
        if (cause instanceof SQLException sql
            && sql.getSQLState() != null
            && sql.getSQLState().startsWith("08")) {
          broken = true;
        }
        throw cause;
      }
    }
  }
}
