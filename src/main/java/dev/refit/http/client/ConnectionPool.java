package dev.refit.http.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The idle kept-alive connections to one peer: at most a given number, each at most a given time
 * idle. Expired ones are closed whenever the pool is touched, so no thread of its own is
 * needed.
 */
final class ConnectionPool implements Body.Release {
  private final int maxIdle;
  private final long maxIdleNanos;
  private final LongSupplier nanoTime;
  // Most recently used first: the warmest connection is the least likely to be stale.
  private final Deque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  ConnectionPool(int maxIdle, Duration maxIdleTime, LongSupplier nanoTime) {
    this.maxIdle = maxIdle;
    this.maxIdleNanos = maxIdleTime.toNanos();
    this.nanoTime = nanoTime;
  }

  /** An idle connection that is neither expired nor stale, or null. */
  @Nullable Connection take() {
    List<Connection> expired = new ArrayList<>();
    Connection found = null;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      Connection candidate;
      while (found == null && (candidate = idle.pollFirst()) != null) {
        if (now - candidate.idleSince() > maxIdleNanos) {
          expired.add(candidate);
        } else {
          found = candidate;
        }
      }
    }
    // Outside the lock: closing a TLS connection sends its close_notify.
    expired.forEach(Connection::close);
    if (found != null && found.stale()) {
      found.close();
      return take();
    }
    return found;
  }

  @Override
  public void release(Connection connection, boolean reusable) {
    List<Connection> dropped = new ArrayList<>();
    if (!reusable) {
      dropped.add(connection);
    } else {
      synchronized (this) {
        if (closed) {
          dropped.add(connection);
        } else {
          long now = nanoTime.getAsLong();
          connection.idleSince(now);
          idle.addFirst(connection);
          while (idle.size() > maxIdle
              || (!idle.isEmpty() && now - idle.peekLast().idleSince() > maxIdleNanos)) {
            dropped.add(idle.pollLast());
          }
        }
      }
    }
    dropped.forEach(Connection::close);
  }

  /** Closes the idle connections that have been idle too long, without taking one. */
  void closeExpired() {
    List<Connection> expired = new ArrayList<>();
    synchronized (this) {
      long now = nanoTime.getAsLong();
      // most recently used first: the expired ones are at the end
      while (!idle.isEmpty() && now - idle.peekLast().idleSince() > maxIdleNanos) {
        expired.add(idle.pollLast());
      }
    }
    expired.forEach(Connection::close);
  }

  synchronized int size() {
    return idle.size();
  }

  synchronized boolean closed() {
    return closed;
  }

  /** Closes the idle connections; connections released later are closed too. */
  void close() {
    List<Connection> dropped;
    synchronized (this) {
      closed = true;
      dropped = new ArrayList<>(idle);
      idle.clear();
    }
    dropped.forEach(Connection::close);
  }
}
