package dev.refit.docker.http;

import dev.refit.http.client.Conduit;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A unix socket channel. Channels ignore {@code SO_TIMEOUT} and a unix channel has no socket
 * adaptor, so timeouts come from a selector of its own: the channel is non-blocking and every read
 * or write that makes no progress waits in {@link Selector#select(long)}.
 */
final class ChannelConduit implements Conduit {
  private final SocketChannel channel;
  private final Selector selector;
  private final SelectionKey key;
  private long timeoutMillis;

  private ChannelConduit(SocketChannel channel, Selector selector, SelectionKey key) {
    this.channel = channel;
    this.selector = selector;
    this.key = key;
  }

  static ChannelConduit connectUnix(SocketAddress address, Duration connectTimeout)
      throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    Selector selector = null;
    try {
      channel.configureBlocking(false);
      selector = Selector.open();
      SelectionKey key = channel.register(selector, 0);
      ChannelConduit conduit = new ChannelConduit(channel, selector, key);
      if (!channel.connect(address)) {
        conduit.timeoutMillis = Conduit.millis(connectTimeout);
        conduit.await(SelectionKey.OP_CONNECT, "connect");
        channel.finishConnect();
      }
      return conduit;
    } catch (IOException | RuntimeException e) {
      channel.close();
      if (selector != null) {
        selector.close();
      }
      throw e;
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    ByteBuffer target = ByteBuffer.wrap(buffer, offset, length);
    while (true) {
      int n = channel.read(target);
      if (n != 0) {
        return n;
      }
      await(SelectionKey.OP_READ, "read");
    }
  }

  @Override
  public void write(byte[] bytes) throws IOException {
    ByteBuffer source = ByteBuffer.wrap(bytes);
    while (source.hasRemaining()) {
      if (channel.write(source) == 0) {
        await(SelectionKey.OP_WRITE, "write");
      }
    }
  }

  /**
   * Waits until the channel is ready for {@code operation}. Also returns early, with an exception,
   * when another thread closed the conduit (how a reader of an endless stream such as events is
   * stopped) or interrupted this one: a selector does not block an interrupted thread, so going on
   * would spin.
   */
  private void await(int operation, String what) throws IOException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    try {
      key.interestOps(operation);
      while (true) {
        long left = timeoutMillis == 0 ? 0 : (deadline - System.nanoTime()) / 1_000_000L;
        if (timeoutMillis > 0 && left <= 0) {
          throw new SocketTimeoutException(what + " timed out after " + timeoutMillis + " ms");
        }
        int ready = timeoutMillis == 0 ? selector.select() : selector.select(left);
        selector.selectedKeys().clear();
        if (!channel.isOpen()) {
          throw new AsynchronousCloseException();
        }
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("interrupted while waiting to " + what);
        }
        if (ready > 0) {
          return;
        }
      }
    } catch (ClosedSelectorException | CancelledKeyException closedMeanwhile) {
      throw new AsynchronousCloseException();
    }
  }

  @Override
  public void timeout(Duration timeout) {
    this.timeoutMillis = Conduit.millis(timeout);
  }

  @Override
  public boolean stale() {
    try {
      // Non-blocking: 0 means nothing waiting (healthy); -1 the peer closed; more is garbage.
      return channel.read(ByteBuffer.allocate(1)) != 0;
    } catch (IOException e) {
      return true;
    }
  }

  /** Safe from any thread: a read or write blocked on this conduit ends with an exception. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // a connection being dropped has nothing left to say
    }
    try {
      // Wakes a thread blocked in select(), which then finds the channel closed.
      selector.close();
    } catch (IOException ignored) {
      // as above
    }
  }
}
